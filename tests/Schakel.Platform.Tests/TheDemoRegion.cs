using Schakel.BuildingBlocks.Identifiers;
using Schakel.Host.Demo;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;

namespace Schakel.Platform.Tests;

public sealed class TheDemoRegion
{
    private static readonly string File = new Schakel.Host.Demo.DemoOptions().File;

    private static Task<DemoRegion> Load() => DemoRegion.LoadAsync(File, CancellationToken.None);

    [Fact]
    public async Task every_therapist_location_passes_the_same_validation_as_the_api()
    {
        var region = await Load();
        var validator = new TherapistLocationEntry.Validator(PostcodeAreas.LoadEmbedded());

        Assert.InRange(region.TherapistLocations.Count, 10, 30);
        Assert.All(region.TherapistLocations, l => Assert.True(validator.Validate(l).IsValid, $"{l.PracticeName}: {validator.Validate(l)}"));
        Assert.InRange(region.TherapistLocations.Sum(l => l.Therapists.Count), 35, 45);
    }

    [Fact]
    public async Task it_has_one_hospital_with_two_locations_and_about_ten_practices()
    {
        var region = await Load();

        Assert.Equal(2, region.Hospital.Locations.Count);
        Assert.Contains(region.Hospital.People, p => p.Role == "Internist");
        Assert.Contains(region.Hospital.People, p => p.Role == "Rheumatologist");
        Assert.InRange(region.Practices.Count, 8, 12);
        Assert.All(region.Practices, p =>
        {
            Assert.Contains(p.People, x => x.Role == "GeneralPractitioner");
            Assert.True(DutchPostcode.IsValid(p.Postcode), p.Postcode);
        });
    }

    [Fact]
    public async Task demo_logins_are_unique_and_fictitious()
    {
        var region = await Load();
        var emails = region.People.Select(p => p.Email).ToList();

        Assert.Equal(emails.Count, emails.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(emails, e => Assert.EndsWith("example.nl", e, StringComparison.Ordinal));
        Assert.Contains("huisarts@demo.example.nl", emails);
    }
}

/// <summary>The readiness check while the demo region is seeded: not ready, but expected (no error in the log).</summary>
public sealed class WaitingForTheDemoSeed
{
    [Fact]
    public async Task seeding_is_degraded_then_healthy_and_a_failure_is_unhealthy()
    {
        var status = new Schakel.Host.Demo.DemoSeedStatus();
        var check = new Schakel.Host.Demo.DemoSeedHealthCheck(status);
        var context = new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext();

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, (await check.CheckHealthAsync(context)).Status);
        status.Done();
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, (await check.CheckHealthAsync(context)).Status);
        status.Failed("no database");
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, (await check.CheckHealthAsync(context)).Status);
    }
}
