using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Schakel.SocialMap.Directory;
using Schakel.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;

namespace Schakel.IntegrationTests;

/// <summary>What ./run.sh relies on: seeding on start, readiness only after it, and no duplicates on a second start.</summary>
public sealed class SeedingTheDemoRegion
{
    private static async Task<IAlbaHost> StartWithDemoOn(string connectionString) =>
        await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Schakel", connectionString);
            builder.UseSetting("Schakel:Demo:Seed", "true");
            builder.ConfigureServices(services => services.RunWolverineInSoloMode());
        });

    private static async Task WaitUntilReady(IAlbaHost host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var result = await host.Scenario(s =>
            {
                s.Get.Url("/health/ready");
                s.IgnoreStatusCode();
            });
            if (result.Context.Response.StatusCode == 200)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The host did not become ready after seeding: " + await result.ReadAsTextAsync());
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task the_demo_region_is_seeded_once_and_kept_on_a_second_start()
    {
        var connectionString = await TestDatabase.ForAsync("demo");

        await using (var first = await StartWithDemoOn(connectionString))
        {
            await first.Services.ResetAllDataAsync();
            await first.StopAsync();
        }

        int seeded;
        int joined;
        await using (var first = await StartWithDemoOn(connectionString))
        {
            await WaitUntilReady(first);
            await using var session = first.Services.GetRequiredService<IDocumentStore>().QuerySession();
            seeded = await session.Query<TherapistLocation>().CountAsync();
            joined = await session.Query<Schakel.Referral.Agreements.JoinedAgreement>().CountAsync();
        }

        await using (var second = await StartWithDemoOn(connectionString))
        {
            await WaitUntilReady(second);
            await using var session = second.Services.GetRequiredService<IDocumentStore>().QuerySession();
            Assert.Equal(seeded, await session.Query<TherapistLocation>().CountAsync());
            // The region's agreement is in force once, joined once by every demo practice.
            var agreement = Assert.Single(await session.Query<Schakel.Referral.Agreements.Agreement>().ToListAsync());
            Assert.Equal(1, agreement.Active?.Number);
            Assert.Equal(joined, agreement.Practices.Count);
            Assert.Equal(joined, await session.Query<Schakel.Referral.Agreements.JoinedAgreement>().CountAsync());
        }

        var region = await Schakel.Host.Demo.DemoRegion.LoadAsync(new Schakel.Host.Demo.DemoOptions().File, CancellationToken.None);
        Assert.Equal(region.TherapistLocations.Count, seeded);
        Assert.Equal(region.Practices.Count, joined);
    }
}
