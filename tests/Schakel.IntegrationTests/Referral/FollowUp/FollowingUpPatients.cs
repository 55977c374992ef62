using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.IntegrationTests.AccessLog;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.Referral.FollowUp;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Referral.FollowUp;

/// <summary>The practice adds a patient to the programme, works its worklist, and a check that meets a criterion proposes the referral back.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class FollowingUpPatients(IntegrationApp app)
{
    private readonly Guid _practice = Guid.CreateVersion7();
    private readonly Guid _hospital = Guid.CreateVersion7();

    private CareUser Gp => TestUsers.Gp(_practice);

    private async Task JoinedAsync(Guid practice)
    {
        await using var session = app.Store.LightweightSession();
        var terms = new AgreementTerms(
            Guid.CreateVersion7(), 1, _hospital, "Testziekenhuis", new Dictionary<PatientGroup, string>(), new HashSet<ReferralContentItem>(),
            FollowUpSchedule.Default, Enum.GetValues<ReReferralCriterion>().ToHashSet());
        session.Store(new JoinedAgreement(JoinedAgreement.IdOf(practice, _hospital), practice, _hospital, terms, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
    }

    private async Task<FollowUpView> EnrolAsync(CareUser user, DateOnly start, string reference = "P-77")
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(user);
            s.Post.Json(new EnrolPatient(_hospital, reference, PatientGroup.GlucocorticoidUser, "alendroninezuur", "70 mg per week", start)).ToUrl("/api/follow-up");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<FollowUpView>())!;
    }

    private async Task<IReadOnlyList<WorklistItem>> WorklistAsync(CareUser user)
    {
        var result = await app.Host.Scenario(s => s.As(user).Get.Url("/api/follow-up/tasks"));
        return (await result.ReadAsJsonAsync<WorklistItem[]>())!;
    }

    [Fact]
    public async Task an_enrolled_patient_appears_on_the_worklist_and_a_check_that_meets_a_criterion_proposes_the_referral_back()
    {
        await JoinedAsync(_practice);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var followUp = await EnrolAsync(Gp, today.AddMonths(-2));
        var nurse = TestUsers.PracticeNurse(Gp);

        var worklist = await WorklistAsync(nurse);
        var overdue = Assert.Single(worklist, i => i.FollowUpId == followUp.Id && i.Bucket == TaskBucket.Overdue);
        Assert.Equal(1, overdue.MonthsAfterStart);
        Assert.Contains(worklist, i => i.FollowUpId == followUp.Id && i.Bucket == TaskBucket.Later && i.MonthsAfterStart == 3);

        var result = await app.Host.Scenario(s =>
        {
            s.As(nurse);
            s.Post.Json(new RecordCheck(false, true, "maagklachten", 164m, 0, false, null)).ToUrl($"/api/follow-up/tasks/{overdue.TaskId}/result");
            s.StatusCodeShouldBeOk();
        });

        var after = (await result.ReadAsJsonAsync<FollowUpView>())!;
        Assert.Equal(ReReferralCriterion.Intolerance, Assert.Single(after.ProposedReReferral).Criterion);
        Assert.Equal(FollowUpTaskState.Done, after.Tasks[0].State);
        Assert.DoesNotContain(await WorklistAsync(nurse), i => i.TaskId == overdue.TaskId);
        Assert.Contains(await app.StoredForPatientAsync(followUp.PatientReference), r => r.Action == "Change" && r.UserId == nurse.UserId.ToString());
    }

    [Fact]
    public async Task a_check_is_recorded_once_and_bad_findings_get_dutch_field_errors()
    {
        await JoinedAsync(_practice);
        var followUp = await EnrolAsync(Gp, DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-1));
        var task = followUp.Tasks[0].Id;
        var url = $"/api/follow-up/tasks/{task}/result";

        await app.Host.Scenario(s => { s.As(Gp); s.Post.Json(new RecordCheck(true, false, null, 80m, -1, false, null)).ToUrl(url); s.StatusCodeShouldBe(400); });
        await app.Host.Scenario(s => { s.As(Gp); s.Post.Json(new RecordCheck(true, false, null, 165m, 0, false, null)).ToUrl(url); s.StatusCodeShouldBeOk(); });
        await app.Host.Scenario(s => { s.As(Gp); s.Post.Json(new RecordCheck(true, false, null, 165m, 0, false, null)).ToUrl(url); s.StatusCodeShouldBe(409); });
    }

    [Fact]
    public async Task another_practice_gets_404_and_a_hospital_403()
    {
        await JoinedAsync(_practice);
        var followUp = await EnrolAsync(Gp, DateOnly.FromDateTime(DateTime.UtcNow));
        var stranger = TestUsers.Gp(Guid.CreateVersion7());

        await app.Host.Scenario(s => { s.As(stranger); s.Get.Url($"/api/follow-up/{followUp.Id}"); s.StatusCodeShouldBe(404); });
        await app.Host.Scenario(s =>
        {
            s.As(stranger);
            s.Post.Json(new RecordCheck(true, false, null, null, 0, false, null)).ToUrl($"/api/follow-up/tasks/{followUp.Tasks[0].Id}/result");
            s.StatusCodeShouldBe(404);
        });
        Assert.DoesNotContain(await WorklistAsync(stranger), i => i.FollowUpId == followUp.Id);
        await app.Host.Scenario(s => { s.As(TestUsers.Internist(_hospital)); s.Get.Url($"/api/follow-up/{followUp.Id}"); s.StatusCodeShouldBe(403); });
    }

    [Fact]
    public async Task without_an_agreement_or_for_a_group_the_practice_cannot_enrol_itself_nothing_starts()
    {
        await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Gp(Guid.CreateVersion7()));
            s.Post.Json(new EnrolPatient(_hospital, "P-1", PatientGroup.CaseFinding, "risedroninezuur", null, new DateOnly(2026, 1, 5))).ToUrl("/api/follow-up");
            s.StatusCodeShouldBe(409);
        });
        await JoinedAsync(_practice);
        await app.Host.Scenario(s =>
        {
            s.As(Gp);
            s.Post.Json(new EnrolPatient(_hospital, "P-1", PatientGroup.ReferredBackForFollowUp, "risedroninezuur", null, new DateOnly(2026, 1, 5))).ToUrl("/api/follow-up");
            s.StatusCodeShouldBe(400);
        });
    }
}
