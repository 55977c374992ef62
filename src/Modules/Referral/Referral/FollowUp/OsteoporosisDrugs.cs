using System.Globalization;
using System.Text;
using Schakel.Referral.Contracts;

namespace Schakel.Referral.FollowUp;

/// <summary>
/// Reads the class of an osteoporosis drug from the name a practice or hospital typed: Dutch and
/// international generic names and the common brands, in any case and with or without accents
/// ("Alendroninezuur 70 mg", "alendronate", "Fosamax", "zolédronique"). The indicators count by class.
/// </summary>
public static class OsteoporosisDrugs
{
    // Generic names match by their stem (alendron- covers alendroninezuur, alendronaat, alendronate,
    // alendronic acid); brands match as whole words.
    private static readonly (string Stem, OsteoporosisDrugClass Class)[] Stems =
    [
        ("alendron", OsteoporosisDrugClass.Bisphosphonate),
        ("risedron", OsteoporosisDrugClass.Bisphosphonate),
        ("ibandron", OsteoporosisDrugClass.Bisphosphonate),
        ("zoledron", OsteoporosisDrugClass.Bisphosphonate),
        ("denosumab", OsteoporosisDrugClass.Denosumab),
        ("teriparatid", OsteoporosisDrugClass.BoneBuilding),
        ("romosozumab", OsteoporosisDrugClass.BoneBuilding),
    ];

    private static readonly Dictionary<string, OsteoporosisDrugClass> Brands = new(StringComparer.Ordinal)
    {
        ["fosamax"] = OsteoporosisDrugClass.Bisphosphonate,
        ["fosavance"] = OsteoporosisDrugClass.Bisphosphonate,
        ["binosto"] = OsteoporosisDrugClass.Bisphosphonate,
        ["actonel"] = OsteoporosisDrugClass.Bisphosphonate,
        ["bonviva"] = OsteoporosisDrugClass.Bisphosphonate,
        ["aclasta"] = OsteoporosisDrugClass.Bisphosphonate,
        ["zometa"] = OsteoporosisDrugClass.Bisphosphonate,
        ["prolia"] = OsteoporosisDrugClass.Denosumab,
        ["xgeva"] = OsteoporosisDrugClass.Denosumab,
        ["forsteo"] = OsteoporosisDrugClass.BoneBuilding,
        ["movymia"] = OsteoporosisDrugClass.BoneBuilding,
        ["terrosa"] = OsteoporosisDrugClass.BoneBuilding,
        ["livogiva"] = OsteoporosisDrugClass.BoneBuilding,
        ["sondelbay"] = OsteoporosisDrugClass.BoneBuilding,
        ["evenity"] = OsteoporosisDrugClass.BoneBuilding,
    };

    /// <summary>The class of the first drug the text names; <see cref="OsteoporosisDrugClass.Other"/> when it names none we know.</summary>
    public static OsteoporosisDrugClass ClassOf(string? drug) => ClassesIn(drug).FirstOrDefault(OsteoporosisDrugClass.Other);

    /// <summary>Whether the text names a drug of this class anywhere ("denosumab, daarna alendroninezuur" names both).</summary>
    public static bool Names(string? drug, OsteoporosisDrugClass drugClass) => ClassesIn(drug).Contains(drugClass);

    /// <summary>The classes of the drugs the text names, in the order it names them.</summary>
    public static IReadOnlyList<OsteoporosisDrugClass> ClassesIn(string? drug) =>
        Words(drug).Select(Classify).OfType<OsteoporosisDrugClass>().Distinct().ToList();

    private static OsteoporosisDrugClass? Classify(string word)
    {
        if (Brands.TryGetValue(word, out var brand))
        {
            return brand;
        }

        foreach (var (stem, drugClass) in Stems)
        {
            if (word.StartsWith(stem, StringComparison.Ordinal))
            {
                return drugClass;
            }
        }

        return null;
    }

    /// <summary>Lower-case words without accents: letters only, so "Alendronaat/colecalciferol" is two words.</summary>
    private static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var plain = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            plain.Append(char.IsLetter(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
