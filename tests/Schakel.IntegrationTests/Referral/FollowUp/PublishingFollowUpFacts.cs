using System.Net;
using System.Text.Json;
using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.IntegrationTests.Identity;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.IntegrationTests.Referral.Referrals;
using Schakel.Referral.FollowUp;
using Schakel.Referral.Referrals;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Referral.FollowUp;

/// <summary>
/// A follow-up tells the rest of the product (the regional indicators) when it starts, with its plan
/// and drug class, and each check it records, with the day of a repeat DEXA at the evaluation.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class PublishingFollowUpFacts(IntegrationApp app)
{
    private readonly Guid _hospital = Guid.CreateVersion7();

    /// <summary>One GP (and so one responsible GP) for the whole test.</summary>
    private readonly CareUser _gp = TestUsers.Gp(Guid.CreateVersion7());

    private Guid Practice => _gp.OrganisationId;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task JoinedAsync(Guid practice, FollowUpSchedule schedule)
    {
        await using var session = app.Store.LightweightSession();
        var terms = new AgreementTerms(
            Guid.CreateVersion7(), 1, _hospital, "Testziekenhuis", new Dictionary<PatientGroup, string>(), new HashSet<ReferralContentItem>(),
            schedule, Enum.GetValues<ReReferralCriterion>().ToHashSet());
        session.Store(new JoinedAgreement(JoinedAgreement.IdOf(practice, _hospital), practice, _hospital, terms, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
    }

    private async Task<FollowUpView> EnrolAsync(string drug, DateOnly start)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(_gp);
            s.Post.Json(new EnrolPatient(_hospital, "HIS-5150", PatientGroup.KnownOsteoporosisTreatedByGp, drug, null, start)).ToUrl("/api/follow-up");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<FollowUpView>())!;
    }

    private async Task<(int Status, string Body)> RecordAsync(Guid task, RecordCheck check)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(_gp);
            s.Post.Json(check).ToUrl($"/api/follow-up/tasks/{task}/result");
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    private static RecordCheck Fine(DateOnly? dexa = null) => new(true, false, null, null, 0, false, null, dexa);

    private static string[] ErrorsOf(string body, string field) =>
        JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task enrolling_publishes_the_start_with_the_plan_and_the_drug_class()
    {
        await JoinedAsync(Practice, FollowUpSchedule.Default);
        var start = Today.AddMonths(-2);

        var (followUp, tracked) = await app.TrackAsync(() => EnrolAsync("Prolia 60 mg", start));

        var started = Assert.Single(tracked.Published<FollowUpStartedIntegrationEvent>());
        Assert.Equal((followUp.Id, Practice, _gp.ResponsibleUserId, followUp.PatientReference), (started.FollowUpId, started.PracticeId, started.ResponsibleGpId, started.PatientReference));
        Assert.Equal((OsteoporosisDrugClass.Denosumab, PatientGroup.KnownOsteoporosisTreatedByGp, (Guid?)null, start),
            (started.DrugClass, started.Group, started.ReferralId, started.TreatmentStart));
        Assert.Equal(followUp.Tasks.Select(t => (t.Id, t.Due, t.RepeatDexa)), started.Checks.Select(c => (c.TaskId, c.Due, c.RepeatDexa)));
        Assert.Equal(9, started.Checks.Count);
    }

    [Fact]
    public async Task a_back_referral_publishes_the_follow_up_it_starts_with_the_referral_change()
    {
        var hospital = TestUsers.Internist(_hospital);
        await app.JoinAgreementAsync(Practice, _hospital);
        var made = await app.SendAsync(_gp, "/api/referrals", ReferralTesting.AReferral(_hospital), 201);
        await app.SendAsync(hospital, $"/api/referrals/{made.Id}/accept");
        await app.SendAsync(hospital, $"/api/referrals/{made.Id}/appointment", new ScheduleAppointment(DateTimeOffset.UtcNow.AddDays(1), "FLS"));
        var start = Today.AddDays(-3);

        var (back, tracked) = await app.TrackAsync(() => app.SendAsync(hospital, $"/api/referrals/{made.Id}/back-referral",
            new BackReferPatient(null, null, null, "Zoledroninezuur 5 mg iv", null, start, null)));

        var started = Assert.Single(tracked.Published<FollowUpStartedIntegrationEvent>());
        Assert.Equal((back.BackReferral!.FollowUpId, (Guid?)made.Id, PatientGroup.ReferredBackForFollowUp, OsteoporosisDrugClass.Bisphosphonate, start),
            (started.FollowUpId, started.ReferralId, started.Group, started.DrugClass, started.TreatmentStart));
        Assert.Equal((Practice, made.Patient.PatientReference), (started.PracticeId, started.PatientReference));
        Assert.Contains(tracked.Published<ReferralChangedIntegrationEvent>(), c => c.ReferralId == made.Id && c.Change == ReferralChange.BackReferred);
    }

    [Fact]
    public async Task each_check_is_published_and_the_repeat_dexa_at_the_evaluation_travels_with_it()
    {
        await JoinedAsync(Practice, FollowUpSchedule.Default);
        var start = Today.AddMonths(-61);
        var followUp = await EnrolAsync("alendroninezuur", start);
        var first = followUp.Tasks[0];
        var evaluation = followUp.Tasks.Single(t => t.Kind == FollowUpTaskKind.Evaluation);
        var dexaDay = Today.AddDays(-10);

        var (_, adherence) = await app.TrackAsync(() => RecordAsync(first.Id, Fine() with { StillTakingMedication = false }));
        var ((status, body), atEvaluation) = await app.TrackAsync(() => RecordAsync(evaluation.Id, Fine(dexaDay)));

        var check = Assert.Single(adherence.Published<FollowUpCheckRecordedIntegrationEvent>());
        Assert.Equal((first.Id, FollowUpCheckKind.AdherenceCheck, 1, false, (DateOnly?)null), (check.TaskId, check.Kind, check.MonthsAfterStart, check.StillTakingMedication, check.DexaRepeatedOn));
        Assert.Equal(200, status);
        var evaluated = Assert.Single(atEvaluation.Published<FollowUpCheckRecordedIntegrationEvent>());
        Assert.Equal((evaluation.Id, FollowUpCheckKind.Evaluation, 60, (DateOnly?)dexaDay, Practice),
            (evaluated.TaskId, evaluated.Kind, evaluated.MonthsAfterStart, evaluated.DexaRepeatedOn, evaluated.PracticeId));
        Assert.Equal(dexaDay.ToString("yyyy-MM-dd"), JsonDocument.Parse(body).RootElement.GetProperty("dexaRepeats")[0].GetProperty("on").GetString());
        var read = (await (await app.Host.Scenario(s => s.As(_gp).Get.Url($"/api/follow-up/{followUp.Id}"))).ReadAsJsonAsync<FollowUpView>())!;
        Assert.Equal((evaluation.Id, dexaDay), (read.DexaRepeats.Single().TaskId, read.DexaRepeats.Single().On));
        var timeline = (await (await app.Host.Scenario(s => s.As(_gp).Get.Url($"/api/patients/{followUp.PatientReference}/timeline"))).ReadAsJsonAsync<Schakel.Referral.Timeline.TimelineStep[]>())!;
        Assert.Contains(timeline, t => t.What == $"Herhaal-DEXA gemaakt op {dexaDay:d-M-yyyy}");
    }

    [Fact]
    public async Task a_repeat_dexa_in_the_future_before_the_start_or_on_another_task_is_a_400_and_records_nothing()
    {
        await JoinedAsync(Practice, FollowUpSchedule.Default);
        var start = Today.AddMonths(-61);
        var followUp = await EnrolAsync("risedronaat", start);
        var evaluation = followUp.Tasks.Single(t => t.Kind == FollowUpTaskKind.Evaluation);

        var future = await RecordAsync(evaluation.Id, Fine(Today.AddDays(2)));
        var beforeStart = await RecordAsync(evaluation.Id, Fine(start.AddDays(-1)));
        var (notAsked, tracked) = await app.TrackAsync(() => RecordAsync(followUp.Tasks[0].Id, Fine(Today)));

        Assert.Equal(400, future.Status);
        Assert.Equal([RecordCheck.DexaInTheFuture], ErrorsOf(future.Body, RecordCheckEndpoint.DexaField));
        Assert.Equal(400, notAsked.Status);
        Assert.Equal([RecordCheck.DexaNotAsked], ErrorsOf(notAsked.Body, RecordCheckEndpoint.DexaField));
        Assert.Equal(400, beforeStart.Status);
        Assert.StartsWith("De herhaal-DEXA ligt niet vóór de start van de behandeling", ErrorsOf(beforeStart.Body, RecordCheckEndpoint.DexaField).Single(), StringComparison.Ordinal);
        Assert.Empty(tracked.Published<FollowUpCheckRecordedIntegrationEvent>());
        var read = (await (await app.Host.Scenario(s => s.As(_gp).Get.Url($"/api/follow-up/{followUp.Id}"))).ReadAsJsonAsync<FollowUpView>())!;
        Assert.All(read.Tasks, t => Assert.Equal(FollowUpTaskState.Open, t.State));
        Assert.Empty(read.DexaRepeats);
    }

    [Fact]
    public async Task in_the_portal_the_evaluation_asks_for_the_repeat_dexa_and_the_plan_shows_it()
    {
        var given = new Given(app);
        var practice = await given.APracticeAsync();
        // Only the evaluation after two years, with a repeat DEXA: it is the first task the page offers.
        await JoinedAsync(practice, new FollowUpSchedule([], 24, true, 0));
        using var gp = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(gp, given, await given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice, name: "Dr. Huisarts"));
        var start = Today.AddMonths(-25);

        var (enrolled, enrolling) = await app.TrackAsync(() => gp.SubmitAsync("/opvolging/nieuw", new Dictionary<string, string>
        {
            ["HospitalId"] = _hospital.ToString(), ["PracticePatientReference"] = "HIS-2424", ["Group"] = "CaseFinding", ["Drug"] = "Aclasta",
            ["TreatmentStart"] = start.ToString("yyyy-MM-dd"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        Assert.Equal(OsteoporosisDrugClass.Bisphosphonate, Assert.Single(enrolling.Published<FollowUpStartedIntegrationEvent>()).DrugClass);

        var detail = enrolled.Headers.Location!.OriginalString;
        var page = WebUtility.HtmlDecode(await (await gp.GetAsync(detail)).Content.ReadAsStringAsync());
        Assert.Contains("Evaluatie na 2 jaar met herhaal-DEXA", page, StringComparison.Ordinal);
        Assert.Contains("Datum herhaal-DEXA", page, StringComparison.Ordinal);
        var action = System.Text.RegularExpressions.Regex.Match(page, "action=\"([^\"]*handler=Check[^\"]*)\"").Groups[1].Value;

        var refused = await gp.SubmitAsync(detail, new Dictionary<string, string>
        {
            ["Check.StillTakingMedication"] = "true", ["Check.FallsSinceLastCheck"] = "0", ["Check.DexaRepeatedOn"] = start.AddDays(-3).ToString("yyyy-MM-dd"),
        }, action);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("De herhaal-DEXA ligt niet vóór de start van de behandeling", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var dexaDay = Today.AddDays(-7);
        var (recorded, recording) = await app.TrackAsync(() => gp.SubmitAsync(detail, new Dictionary<string, string>
        {
            ["Check.StillTakingMedication"] = "true", ["Check.FallsSinceLastCheck"] = "0", ["Check.DexaRepeatedOn"] = dexaDay.ToString("yyyy-MM-dd"),
        }, action));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal(dexaDay, Assert.Single(recording.Published<FollowUpCheckRecordedIntegrationEvent>()).DexaRepeatedOn);
        var after = WebUtility.HtmlDecode(await (await gp.GetAsync(detail)).Content.ReadAsStringAsync());
        Assert.Contains($"herhaal-DEXA op {dexaDay:d-M-yyyy}", after, StringComparison.Ordinal);
        Assert.Contains("Alle taken van dit plan zijn gedaan.", after, StringComparison.Ordinal);
    }
}
