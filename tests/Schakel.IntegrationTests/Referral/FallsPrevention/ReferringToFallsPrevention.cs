using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.FallsPrevention;
using Schakel.SocialMap.Contracts;
using Schakel.IntegrationTests.AccessLog;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Referral.FallsPrevention;

/// <summary>A GP refers to a falls-prevention therapist; the therapist confirms intake and reports through signed, single-use links.</summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class ReferringToFallsPrevention(IntegrationApp app)
{
    private readonly Guid _practice = Guid.CreateVersion7();

    private CareUser Gp => TestUsers.Gp(_practice);

    private async Task<FallsPreventionProvider> ALocationAsync()
    {
        var location = new FallsPreventionProvider(Guid.CreateVersion7(), "Fysio Balans", "5038 AB", "Tilburg", "Tilburg",
            [TherapistDiscipline.Physiotherapist], [FallsPreventionOffer.InBalans], DateTimeOffset.UtcNow, $"fysio.{Guid.NewGuid():N}@test.example.nl");
        await using var session = app.Store.LightweightSession();
        session.Store(location);
        await session.SaveChangesAsync();
        return location;
    }

    private async Task<FallsPreventionView> ReferAsync(FallsPreventionProvider location, string reference = "V-4711")
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(Gp);
            s.Post.Json(new ReferToFallsPrevention(location.Id, reference, true, "In Balans", "Valt vaak 's nachts.")).ToUrl("/api/referral/falls-prevention");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<FallsPreventionView>())!;
    }

    private async Task<(string Path, MimeKit.MimeMessage Mail)> LinkInMailAsync(string address, int nth)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var mails = app.Mail.Messages().Where(m => m.To.Mailboxes.Any(t => t.Address == address)).ToList();
            if (mails.Count >= nth)
            {
                var mail = mails[nth - 1];
                return (new Uri(LinkPattern().Match(mail.TextBody).Value).PathAndQuery, mail);
            }

            Assert.True(DateTime.UtcNow < deadline, $"No e-mail number {nth} to {address}.");
            await Task.Delay(100);
        }
    }

    private static async Task<string> Html(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task the_therapist_confirms_the_intake_and_reports_the_end_and_the_gp_reads_the_report()
    {
        var location = await ALocationAsync();
        var referral = await ReferAsync(location);

        var (intake, mail) = await LinkInMailAsync(location.Email!, 1);
        Assert.DoesNotContain("V-4711", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain(referral.PatientReference, mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("nachts", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);

        using var therapist = new PortalClient(app.Host.Server);
        var page = await therapist.GetAsync(intake);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        var shown = await Html(page);
        Assert.Contains("In Balans", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("V-4711", shown, StringComparison.Ordinal);

        var confirmed = await therapist.SubmitAsync(intake, new Dictionary<string, string> { ["Date"] = "2026-12-01", ["TherapistName"] = "J. Fysio" });
        Assert.Contains("Dank u wel", await Html(confirmed), StringComparison.Ordinal);
        var reused = await therapist.GetAsync(intake);
        Assert.Equal(HttpStatusCode.Gone, reused.StatusCode);
        Assert.Contains("Deze link is al gebruikt", await Html(reused), StringComparison.Ordinal);

        var (end, _) = await LinkInMailAsync(location.Email!, 2);
        await therapist.SubmitAsync(end, new Dictionary<string, string> { ["Date"] = "2027-02-15", ["Sessions"] = "10", ["Outcome"] = "Valangst minder, balans beter.", ["Remarks"] = "Blijven bewegen." });
        Assert.Equal(HttpStatusCode.Gone, (await therapist.GetAsync(end)).StatusCode);

        var read = await app.Host.Scenario(s => s.As(Gp).Get.Url($"/api/referral/falls-prevention/{referral.Id}"));
        var after = (await read.ReadAsJsonAsync<FallsPreventionView>())!;
        Assert.Equal(FallsPreventionStatus.TreatmentEnded, after.Status);
        Assert.Equal(("J. Fysio", 10, "Blijven bewegen."), (after.Intake!.TherapistName, after.Report!.SessionsAttended, after.Report.AdviceForGp));
        Assert.Contains(await app.StoredForPatientAsync(referral.PatientReference), r => r.UserId == "anonymous" && r.Action == "Change");
        var timeline = await app.Host.Scenario(s => s.As(Gp).Get.Url($"/api/patients/{referral.PatientReference}/timeline"));
        var steps = (await timeline.ReadAsJsonAsync<Schakel.Referral.Timeline.TimelineStep[]>())!;
        Assert.Equal(["Verwezen naar Fysio Balans (In Balans)", "Intake bevestigd door J. Fysio", "Behandeling afgerond na 10 sessies: Valangst minder, balans beter."], steps.Select(t => t.What));
    }

    [Fact]
    public async Task a_tampered_or_expired_link_changes_nothing()
    {
        var location = await ALocationAsync();
        var referral = await ReferAsync(location);
        var (intake, _) = await LinkInMailAsync(location.Email!, 1);
        using var therapist = new PortalClient(app.Host.Server);

        var token = intake.Split('/')[^1];
        var tampered = intake[..^token.Length] + (token[0] == 'A' ? 'B' : 'A') + token[1..];
        var refused = await therapist.GetAsync(tampered);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Deze link is ongeldig", await Html(refused), StringComparison.Ordinal);

        await using (var session = app.Store.QuerySession())
        {
            var stored = (await session.LoadAsync<FallsPreventionReferral>(referral.Id))!;
            var links = app.Host.Services.GetRequiredService<TherapistLinks>();
            var expired = links.Token(new TherapistLink(referral.Id, stored.IntakeLinkId, TherapistLinkStage.Intake, DateTimeOffset.UtcNow.AddMinutes(-1)));
            var gone = await therapist.GetAsync(TherapistLinks.Path + expired);
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            Assert.Contains("Deze link is verlopen", await Html(gone), StringComparison.Ordinal);
        }

        var read = await app.Host.Scenario(s => s.As(Gp).Get.Url($"/api/referral/falls-prevention/{referral.Id}"));
        Assert.Equal(FallsPreventionStatus.Referred, (await read.ReadAsJsonAsync<FallsPreventionView>())!.Status);
    }

    [Fact]
    public async Task another_practice_gets_404_a_hospital_403_and_a_location_without_email_409()
    {
        var location = await ALocationAsync();
        var referral = await ReferAsync(location);

        await app.Host.Scenario(s => { s.As(TestUsers.Gp(Guid.CreateVersion7())); s.Get.Url($"/api/referral/falls-prevention/{referral.Id}"); s.StatusCodeShouldBe(404); });
        await app.Host.Scenario(s => { s.As(TestUsers.Internist(Guid.CreateVersion7())); s.Get.Url($"/api/referral/falls-prevention/{referral.Id}"); s.StatusCodeShouldBe(403); });

        var silent = location with { Id = Guid.CreateVersion7(), Email = null };
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(silent);
            await session.SaveChangesAsync();
        }

        await app.Host.Scenario(s =>
        {
            s.As(Gp);
            s.Post.Json(new ReferToFallsPrevention(silent.Id, "V-1", true, "In Balans", null)).ToUrl("/api/referral/falls-prevention");
            s.StatusCodeShouldBe(409);
        });
        await app.Host.Scenario(s =>
        {
            s.As(Gp);
            s.Post.Json(new ReferToFallsPrevention(location.Id, "V-1", false, "In Balans", null)).ToUrl("/api/referral/falls-prevention");
            s.StatusCodeShouldBe(400);
        });
    }

    [GeneratedRegex(@"https?://\S+/valpreventie/bevestigen/\S+")]
    private static partial Regex LinkPattern();
}
