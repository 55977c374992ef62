using Schakel.Referral.Contracts;
using Schakel.Referral.FollowUp;

namespace Schakel.Referral.Tests.FollowUp;

/// <summary>The indicators count by drug class: the class is read from the name as people type it.</summary>
public sealed class ClassifyingOsteoporosisDrugs
{
    [Theory]
    [InlineData("alendroninezuur")]
    [InlineData("Alendronaat 70 mg 1x per week")]
    [InlineData("alendronate")]
    [InlineData("Alendronic acid")]
    [InlineData("FOSAMAX")]
    [InlineData("Alendronaat/colecalciferol (Fosavance)")]
    [InlineData("risedroninezuur")]
    [InlineData("Risedronaat 35 mg")]
    [InlineData("Actonel")]
    [InlineData("ibandroninezuur")]
    [InlineData("Bonviva 150 mg per maand")]
    [InlineData("zoledroninezuur 5 mg iv")]
    [InlineData("Aclasta")]
    [InlineData("acide zolédronique")]
    public void bisphosphonates_by_generic_name_or_brand(string drug) => Assert.Equal(OsteoporosisDrugClass.Bisphosphonate, OsteoporosisDrugs.ClassOf(drug));

    [Theory]
    [InlineData("denosumab")]
    [InlineData("Denosumab 60 mg sc elke 6 maanden")]
    [InlineData("Prolia")]
    [InlineData("prolia®")]
    public void denosumab_by_name_or_brand(string drug) => Assert.Equal(OsteoporosisDrugClass.Denosumab, OsteoporosisDrugs.ClassOf(drug));

    [Theory]
    [InlineData("teriparatide")]
    [InlineData("Teriparatide 20 microgram")]
    [InlineData("Forsteo")]
    [InlineData("Movymia")]
    [InlineData("terrosa")]
    [InlineData("romosozumab")]
    [InlineData("Evenity")]
    [InlineData("TÉRIPARATIDE")]
    public void bone_builders_by_name_or_brand(string drug) => Assert.Equal(OsteoporosisDrugClass.BoneBuilding, OsteoporosisDrugs.ClassOf(drug));

    [Theory]
    [InlineData("calcium/vitamine D")]
    [InlineData("colecalciferol")]
    [InlineData("raloxifeen")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("Prolian")] // not a brand: brands match as whole words
    public void anything_else_is_other(string? drug) => Assert.Equal(OsteoporosisDrugClass.Other, OsteoporosisDrugs.ClassOf(drug));

    [Fact]
    public void a_text_naming_two_drugs_has_the_class_of_the_first_and_names_both()
    {
        const string drug = "denosumab, daarna alendroninezuur";

        Assert.Equal(OsteoporosisDrugClass.Denosumab, OsteoporosisDrugs.ClassOf(drug));
        Assert.True(OsteoporosisDrugs.Names(drug, OsteoporosisDrugClass.Bisphosphonate));
        Assert.Equal([OsteoporosisDrugClass.Denosumab, OsteoporosisDrugClass.Bisphosphonate], OsteoporosisDrugs.ClassesIn(drug));
    }
}
