using System.Net;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Contracts;
using Schakel.Referral.FallsPrevention;
using Schakel.SocialMap.Contracts;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Referral.FallsPrevention;

/// <summary>Each step of a falls-prevention referral is published for the indicators, with the step that stores it.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class PublishingFallsPreventionChanges(IntegrationApp app)
{
    private readonly Guid _practice = Guid.CreateVersion7();

    private CareUser Gp => TestUsers.Gp(_practice);

    /// <summary>The therapist's link for the stage the referral is at, as the e-mail would carry it.</summary>
    private async Task<string> LinkAsync(Guid referral, TherapistLinkStage stage)
    {
        await using var session = app.Store.QuerySession();
        var stored = (await session.LoadAsync<FallsPreventionReferral>(referral))!;
        var linkId = stage == TherapistLinkStage.Intake ? stored.IntakeLinkId : stored.EndLinkId!.Value;
        var token = app.Host.Services.GetRequiredService<TherapistLinks>().Token(new TherapistLink(referral, linkId, stage, DateTimeOffset.UtcNow.AddDays(1)));
        return TherapistLinks.Path + token;
    }

    [Fact]
    public async Task referred_intake_confirmed_and_treatment_ended_are_each_published_once()
    {
        var location = new FallsPreventionProvider(Guid.CreateVersion7(), "Fysio Evenwicht", "5038 AB", "Tilburg", "Tilburg",
            [TherapistDiscipline.Physiotherapist], [FallsPreventionOffer.InBalans], DateTimeOffset.UtcNow, $"fysio.{Guid.NewGuid():N}@test.example.nl");
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(location);
            await session.SaveChangesAsync();
        }

        var (referral, referring) = await app.TrackAsync(async () =>
        {
            var result = await app.Host.Scenario(s =>
            {
                s.As(Gp);
                s.Post.Json(new ReferToFallsPrevention(location.Id, "V-808", true, "In Balans", null)).ToUrl("/api/referral/falls-prevention");
                s.StatusCodeShouldBe(201);
            });
            return (await result.ReadAsJsonAsync<FallsPreventionView>())!;
        });
        using var therapist = new PortalClient(app.Host.Server);
        var intake = await LinkAsync(referral.Id, TherapistLinkStage.Intake);
        var (confirmedPage, confirming) = await app.TrackAsync(() => therapist.SubmitAsync(intake, new Dictionary<string, string> { ["Date"] = "2026-12-01", ["TherapistName"] = "J. Fysio" }));
        var end = await LinkAsync(referral.Id, TherapistLinkStage.EndOfTreatment);
        var (endedPage, ending) = await app.TrackAsync(() => therapist.SubmitAsync(end, new Dictionary<string, string> { ["Date"] = "2027-02-15", ["Sessions"] = "10", ["Outcome"] = "Balans beter." }));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (confirmedPage.StatusCode, endedPage.StatusCode));
        var messages = new[] { referring, confirming, ending }.Select(t => Assert.Single(t.Published<FallsPreventionReferralChangedIntegrationEvent>())).ToList();
        Assert.Equal([FallsPreventionChange.Referred, FallsPreventionChange.IntakeConfirmed, FallsPreventionChange.TreatmentEnded], messages.Select(m => m.Change));
        Assert.All(messages, m => Assert.Equal((referral.Id, _practice, location.Id, referral.PatientReference), (m.ReferralId, m.PracticeId, m.LocationId, m.PatientReference)));
        Assert.Equal(referral.MadeAt, messages[0].At);
        Assert.True(messages[1].At > messages[0].At && messages[2].At > messages[1].At);

        // A used link changes nothing and publishes nothing.
        var (_, reused) = await app.TrackAsync(() => therapist.SubmitAsync(end, new Dictionary<string, string> { ["Date"] = "2027-02-16", ["Sessions"] = "11", ["Outcome"] = "Nogmaals." }));
        Assert.Empty(reused.Published<FallsPreventionReferralChangedIntegrationEvent>());
    }
}
