using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;

namespace Schakel.SocialMap.Tests;

/// <summary>The coordinator's form is the API's entry: empty rows are no therapists, and every message lands at its own field.</summary>
public sealed class FillingInTheLocationForm
{
    private static LocationForm AForm() => new()
    {
        PracticeName = " Fysio Vorm ",
        PracticeAgbCode = "04123456",
        Street = "Hoofdstraat",
        HouseNumber = "1",
        Postcode = "5037ab",
        City = "Tilburg",
        Therapists =
        [
            new TherapistRow(),
            new TherapistRow { Name = "Anna", Discipline = TherapistDiscipline.Physiotherapist, AgbCode = "04000021", BigNumber = "19012345601" },
            new TherapistRow { Name = "Cor" },
        ],
        Offers = [FallsPreventionOffer.Otago, FallsPreventionOffer.Otago],
        Specialisations = "Osteoporose\n\n  Valangst  \r\n",
        Languages = ["nl", "tr"],
        AcceptingPatients = true,
        WaitingWeeks = 2,
    };

    [Fact]
    public void empty_rows_are_left_out_and_lines_become_items()
    {
        var entry = AForm().ToEntry();

        Assert.Equal(["Anna", "Cor"], entry.Therapists.Select(t => t.Name));
        Assert.Equal([FallsPreventionOffer.Otago], entry.Offers);
        Assert.Equal(["Osteoporose", "Valangst"], entry.Specialisations);
        Assert.Equal(("nl", "tr"), (entry.Languages![0], entry.Languages[1]));
        Assert.True(entry.AcceptingPatients);
    }

    [Fact]
    public void a_message_about_the_entrys_second_therapist_goes_to_the_forms_third_row()
    {
        var form = AForm();
        var state = new ModelStateDictionary();

        form.AddErrors(state, [new ValidationFailure("Therapists[1].Discipline", "Kies een discipline."), new ValidationFailure("Offers[0]", "Onbekend aanbod.")], "Form");

        Assert.Equal("Kies een discipline.", state["Form.Therapists[2].Discipline"]!.Errors.Single().ErrorMessage);
        Assert.Equal("Onbekend aanbod.", state["Form.Offers"]!.Errors.Single().ErrorMessage);
    }

    [Fact]
    public void a_row_without_a_discipline_is_refused_by_the_entrys_own_rule()
    {
        var entry = AForm().ToEntry();
        var validator = new TherapistLocationEntry.Validator(Schakel.SocialMap.Geography.PostcodeAreas.LoadEmbedded());

        var failures = validator.Validate(entry).Errors;

        Assert.Contains(failures, f => f.PropertyName == "Therapists[1].Discipline" && f.ErrorMessage == "Kies fysiotherapeut, oefentherapeut of ergotherapeut.");
    }

    [Fact]
    public void an_entry_fills_the_form_again_with_two_empty_rows_to_add_therapists()
    {
        var details = AForm().ToEntry() with { Therapists = [new TherapistEntry("Anna", TherapistDiscipline.Physiotherapist, "04000021", "19012345601")] };

        var form = LocationForm.Of(details.ToDetails());

        Assert.Equal("Fysio Vorm", form.PracticeName);
        Assert.Equal("5037 AB", form.Postcode);
        Assert.Equal(3, form.Therapists.Count);
        Assert.Equal("19012345601", form.Therapists[0].BigNumber);
        Assert.True(form.Therapists[1].IsBlank && form.Therapists[2].IsBlank);
        Assert.Equal("Osteoporose\nValangst", form.Specialisations);
    }
}
