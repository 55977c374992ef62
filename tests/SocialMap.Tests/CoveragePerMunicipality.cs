using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Coverage;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;

namespace Schakel.SocialMap.Tests;

public sealed class CoveragePerMunicipality
{
    private static readonly PostcodeAreas Areas = PostcodeAreas.LoadEmbedded();

    [Fact]
    public void each_listing_adds_a_location_and_its_therapists_per_discipline()
    {
        var now = DateTimeOffset.UnixEpoch;
        var (first, _) = ListTherapistLocationEndpoint.Decide(Guid.CreateVersion7(), ListingATherapistLocation.ARequest(), Areas.Find("5038 AB")!, now);
        var (second, _) = ListTherapistLocationEndpoint.Decide(
            Guid.CreateVersion7(),
            ListingATherapistLocation.ARequest(
                offers: [FallsPreventionOffer.HomeSafetyAssessment],
                therapists: [new TherapistEntry("Carla Smits", TherapistDiscipline.OccupationalTherapist, "04000003", null)]),
            Areas.Find("5038 AB")!,
            now.AddDays(1));

        var projection = new DirectoryCoverageProjection();
        var coverage = projection.Apply(second, projection.Create(first));

        Assert.Equal(new MunicipalityCoverage("Tilburg", 2, 2, 0, 1, now.AddDays(1)), coverage);
    }
}
