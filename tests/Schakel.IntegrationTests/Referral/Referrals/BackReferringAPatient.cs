using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Contracts;
using Schakel.Referral.FollowUp;
using Schakel.Referral.Referrals;
using Schakel.Referral.Timeline;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Referral.Referrals;

/// <summary>Referral → hospital steps → back-referral → the practice's follow-up plan and worklist, on one timeline.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class BackReferringAPatient(IntegrationApp app)
{
    private readonly Guid _practice = Guid.CreateVersion7();
    private readonly Guid _hospital = Guid.CreateVersion7();

    private CareUser Gp => TestUsers.Gp(_practice);

    private CareUser Nurse => TestUsers.PracticeNurse(Gp);

    private CareUser Hospital => TestUsers.Internist(_hospital);

    private static BackReferPatient Letter(DateOnly start) => new(
        new DexaFindings(-2.9m, -2.1m, null, start.AddDays(-5)), 0, "Calcium en vitamine D normaal.", "alendroninezuur", "70 mg per week", start, "Graag controle volgens de afspraak.");

    private async Task<Guid> ASeenReferralAsync()
    {
        await app.JoinAgreementAsync(_practice, _hospital);
        var made = await app.SendAsync(Gp, "/api/referrals", ReferralTesting.AReferral(_hospital), 201);
        await app.SendAsync(Hospital, $"/api/referrals/{made.Id}/accept");
        await app.SendAsync(Hospital, $"/api/referrals/{made.Id}/appointment", new ScheduleAppointment(DateTimeOffset.UtcNow.AddDays(1), "FLS"));
        return made.Id;
    }

    [Fact]
    public async Task the_hospital_refers_back_and_the_practice_gets_the_plan_on_its_worklist_and_timeline()
    {
        var referral = await ASeenReferralAsync();
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-1).AddDays(-2);

        var back = await app.SendAsync(Hospital, $"/api/referrals/{referral}/back-referral", Letter(start));

        Assert.Equal(ReferralStatus.BackReferred, back.Status);
        var letter = back.BackReferral!;
        Assert.Equal(("alendroninezuur", -2.9m), (letter.Drug, letter.Dexa!.LumbarSpine));
        var followUp = (await (await app.Host.Scenario(s => s.As(Gp).Get.Url($"/api/follow-up/{letter.FollowUpId}"))).ReadAsJsonAsync<FollowUpView>())!;
        Assert.Equal((FollowUpSource.BackReferral, referral, PatientGroup.ReferredBackForFollowUp), (followUp.Source, followUp.ReferralId, followUp.Group));
        Assert.Equal(start.AddMonths(1), followUp.Tasks[0].Due);
        Assert.Equal(2, followUp.AgreementVersion);

        var worklist = (await (await app.Host.Scenario(s => s.As(Nurse).Get.Url("/api/follow-up/tasks"))).ReadAsJsonAsync<WorklistItem[]>())!;
        var first = Assert.Single(worklist, i => i.FollowUpId == letter.FollowUpId && i.Bucket == TaskBucket.Overdue);
        Assert.Equal(FollowUpTaskKind.AdherenceCheck, first.Kind);

        var timeline = (await (await app.Host.Scenario(s => s.As(Gp).Get.Url($"/api/patients/{followUp.PatientReference}/timeline"))).ReadAsJsonAsync<TimelineStep[]>())!;
        Assert.Equal("Verwijzing", timeline[0].Source);
        Assert.Contains(timeline, s => s.What.StartsWith("Teruggeverwezen naar de huisarts", StringComparison.Ordinal));
        Assert.Contains(timeline, s => s.Source == "Opvolging" && s.What.StartsWith("Opvolgplan gestart na terugverwijzing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task only_the_hospital_refers_back_once_after_the_patient_was_seen()
    {
        await app.JoinAgreementAsync(_practice, _hospital);
        var sent = await app.SendAsync(Gp, "/api/referrals", ReferralTesting.AReferral(_hospital), 201);
        var start = DateOnly.FromDateTime(DateTime.UtcNow);
        await app.SendAsync(Hospital, $"/api/referrals/{sent.Id}/back-referral", Letter(start), 409);

        var referral = await ASeenReferralAsync();
        await app.SendAsync(Gp, $"/api/referrals/{referral}/back-referral", Letter(start), 403);
        await app.SendAsync(TestUsers.Internist(Guid.CreateVersion7()), $"/api/referrals/{referral}/back-referral", Letter(start), 404);
        await app.SendAsync(Hospital, $"/api/referrals/{referral}/back-referral", Letter(start) with { Drug = "" }, 400);
        await app.SendAsync(Hospital, $"/api/referrals/{referral}/back-referral", Letter(start));
        await app.SendAsync(Hospital, $"/api/referrals/{referral}/back-referral", Letter(start), 409);

        var followUps = (await (await app.Host.Scenario(s => s.As(Gp).Get.Url("/api/follow-up/tasks"))).ReadAsJsonAsync<WorklistItem[]>())!
            .Select(i => i.FollowUpId).Distinct().Count();
        Assert.Equal(1, followUps);
    }
}
