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
}
