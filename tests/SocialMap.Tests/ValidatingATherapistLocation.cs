using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;

namespace Schakel.SocialMap.Tests;

public sealed class ValidatingATherapistLocation
{
    private static readonly TherapistLocationEntry.Validator Validator = new(PostcodeAreas.LoadEmbedded());

    [Fact]
    public void a_complete_listing_is_valid()
    {
        var result = Validator.Validate(ListingATherapistLocation.ARequest());

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData("50381AB")]
    [InlineData("0123 AB")]
    [InlineData("5038 SS")]
    [InlineData("")]
    public void a_malformed_postcode_is_refused_in_dutch(string postcode)
    {
        var result = Validator.Validate(ListingATherapistLocation.ARequest(postcode: postcode));

        var error = Assert.Single(result.Errors, e => e.PropertyName == nameof(TherapistLocationEntry.Postcode));
        Assert.Equal("Vul een postcode in zoals 5042 AB.", error.ErrorMessage);
    }

    [Fact]
    public void a_well_formed_postcode_outside_any_known_area_is_refused()
    {
        var result = Validator.Validate(ListingATherapistLocation.ARequest(postcode: "1000 AA"));

        var error = Assert.Single(result.Errors, e => e.PropertyName == nameof(TherapistLocationEntry.Postcode));
        Assert.Equal("Deze postcode komt niet voor in Nederland.", error.ErrorMessage);
    }

    [Fact]
    public void a_home_safety_assessment_needs_an_occupational_therapist()
    {
        var request = ListingATherapistLocation.ARequest(offers: [FallsPreventionOffer.HomeSafetyAssessment]);

        var result = Validator.Validate(request);

        Assert.Contains(result.Errors, e => e.ErrorMessage == "Een woningonderzoek vraagt om een ergotherapeut op deze locatie.");
    }

    [Fact]
    public void a_home_safety_assessment_with_an_occupational_therapist_is_valid()
    {
        var request = ListingATherapistLocation.ARequest(
            offers: [FallsPreventionOffer.HomeSafetyAssessment],
            therapists: [new TherapistEntry("Carla Smits", TherapistDiscipline.OccupationalTherapist, "04000003", null)]);

        Assert.True(Validator.Validate(request).IsValid);
    }

    [Fact]
    public void therapists_need_an_agb_code_of_eight_digits_and_a_big_number_of_eleven()
    {
        var request = ListingATherapistLocation.ARequest(
            therapists: [new TherapistEntry("Daan Peters", TherapistDiscipline.Physiotherapist, "1234", "123")]);

        var messages = Validator.Validate(request).Errors.Select(e => e.ErrorMessage).ToList();

        Assert.Contains("Een AGB-code bestaat uit 8 cijfers.", messages);
        Assert.Contains("Een BIG-nummer bestaat uit 11 cijfers.", messages);
    }

    [Fact]
    public void a_location_without_therapists_or_offers_is_refused()
    {
        var request = ListingATherapistLocation.ARequest(offers: [], therapists: []);

        var messages = Validator.Validate(request).Errors.Select(e => e.ErrorMessage).ToList();

        Assert.Contains("Noem ten minste één therapeut.", messages);
        Assert.Contains("Kies ten minste één valpreventie-aanbod.", messages);
    }

    [Fact]
    public void only_physiotherapists_have_a_big_number_and_they_must_give_it()
    {
        var request = ListingATherapistLocation.ARequest(
            offers: [FallsPreventionOffer.HomeSafetyAssessment],
            therapists: [new TherapistEntry("Piet Fysio", TherapistDiscipline.Physiotherapist, "04000004", null),
                         new TherapistEntry("Olga Ergo", TherapistDiscipline.OccupationalTherapist, "04000005", "19012345601")]);

        var messages = Validator.Validate(request).Errors.Select(e => e.ErrorMessage).ToList();

        Assert.Contains("Een fysiotherapeut staat in het BIG-register: vul het BIG-nummer in.", messages);
        Assert.Contains("Alleen fysiotherapeuten hebben een BIG-nummer; laat het leeg voor oefen- en ergotherapeuten.", messages);
    }

    [Fact]
    public void availability_languages_and_contact_details_are_checked()
    {
        var request = ListingATherapistLocation.ARequest() with
        {
            WaitingWeeks = 105,
            Languages = ["nl", "klingon"],
            Website = "javascript:alert(1)",
            Phone = "bel me",
            FundingRoutes = [(FundingRoute)42],
            Specialisations = Enumerable.Range(0, 21).Select(i => $"Specialisatie {i}").ToList(),
        };

        var errors = Validator.Validate(request).Errors.ToDictionary(e => e.PropertyName.Split('[')[0], e => e.ErrorMessage);

        Assert.Equal("De wachttijd ligt tussen 0 en 104 weken.", errors["WaitingWeeks"]);
        Assert.Equal("Gebruik taalcodes zoals nl, en, tr of ar.", errors["Languages"]);
        Assert.Equal("Vul een webadres in dat begint met https://.", errors["Website"]);
        Assert.Equal("Vul een telefoonnummer in zoals 013-5441234.", errors["Phone"]);
        Assert.Equal("Kies basisverzekering, gemeente, aanvullende verzekering of eigen betaling.", errors["FundingRoutes"]);
        Assert.Equal("Hoogstens 20 specialisaties van elk hoogstens 200 tekens.", errors["Specialisations"]);
    }

    [Fact]
    public void a_full_entry_is_valid_and_normalised()
    {
        var request = ListingATherapistLocation.ARequest() with
        {
            LocationAgbCode = "04123457",
            Website = "https://www.fysio.example.nl",
            Specialisations = ["Geriatriefysiotherapie", " geriatriefysiotherapie "],
            Certificates = ["Osteoporose en vallen (NVFO)"],
            HomeVisits = true,
            Languages = [" TR ", "nl", "tr"],
            WheelchairAccessible = true,
            FundingRoutes = [FundingRoute.Municipality, FundingRoute.BasicInsurance],
            ContractedInsurers = ["CZ", "VGZ"],
            AcceptingPatients = false,
            WaitingWeeks = 6,
        };

        Assert.True(Validator.Validate(request).IsValid, string.Join("; ", Validator.Validate(request).Errors));
        var details = request.ToDetails();
        Assert.Equal(["Geriatriefysiotherapie"], details.Specialisations);
        Assert.Equal(["nl", "tr"], details.Languages);
        Assert.Equal([FundingRoute.BasicInsurance, FundingRoute.Municipality], details.FundingRoutes);
    }
}
