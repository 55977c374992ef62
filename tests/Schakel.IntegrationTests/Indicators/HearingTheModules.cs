using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Indicators.Records;
using Schakel.IntegrationTests.Referral;
using Schakel.IntegrationTests.Referral.Referrals;
using Schakel.Referral.Contracts;
using Schakel.Referral.FollowUp;
using Schakel.Referral.Referrals;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Indicators;

/// <summary>
/// End to end: what users do in the consultation, referral and social-map modules reaches the
/// indicators' records through the published contracts only.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class HearingTheModules(IntegrationApp app)
{
    private readonly Guid _hospital = Guid.CreateVersion7();
    private readonly CareUser _gp = TestUsers.Gp(Guid.CreateVersion7());

    private async Task<T?> RecordAsync<T>(Guid id)
        where T : notnull
    {
        await using var session = app.Store.QuerySession();
        return await session.LoadAsync<T>(id);
    }

    [Fact]
    public async Task a_question_posted_answered_and_closed_becomes_a_consultation_record()
    {
        await OpenConsultationPools.OpenAsync(app.Store, _hospital, "Testziekenhuis", [SpecialtyPool.InternalMedicine], CancellationToken.None);
        var internist = TestUsers.Internist(_hospital);
        var (posted, _) = await app.TrackAsync<IScenarioResult>(() => app.Host.Scenario(s =>
        {
            s.As(_gp);
            s.Post.Json(new PostQuestion(_hospital, SpecialtyPool.InternalMedicine, null,
                new PostQuestion.PatientInput(new DateOnly(1948, 1, 2), Schakel.Consultation.Questions.Sex.Male, "E2E-" + Guid.NewGuid().ToString("N")[..6], null),
                true, QuestionCategory.ChoiceOfDrug, "Denosumab of zoledroninezuur?", null, WouldRefer.Yes, false)).ToUrl("/api/consultations");
            s.StatusCodeShouldBe(201);
        }));
        var id = (await posted.ReadAsJsonAsync<QuestionView>())!.Id;
        foreach (var (who, url, body) in new (CareUser, string, object?)[]
                 {
                     (internist, $"/api/consultations/{id}/claim", null),
                     (internist, $"/api/consultations/{id}/answer", new AnswerQuestion("Zoledroninezuur 5 mg per jaar.", AnswerOutcome.FurtherDiagnostics)),
                     (_gp, $"/api/consultations/{id}/close", new CloseQuestion(AvoidedReferral: true, Usefulness: 4)),
                 })
        {
            await app.TrackAsync<IScenarioResult>(() => app.Host.Scenario(s =>
            {
                s.As(who);
                if (body is null)
                {
                    s.Post.Url(url);
                }
                else
                {
                    s.Post.Json(body).ToUrl(url);
                }
            }));
        }

        var record = await RecordAsync<ConsultationRecord>(id);

        Assert.NotNull(record);
        Assert.Equal((_gp.OrganisationId, _hospital, _gp.UserId, "Yes"), (record.PracticeId, record.HospitalId, record.PostedById, record.WouldReferWithout));
        Assert.NotNull(record.PostedAt);
        Assert.NotNull(record.FirstAnsweredAt);
        Assert.True(record.AnsweredWithinPromise);
        Assert.InRange(record.FirstAnswerWorkingHours!.Value, 0, 1);
        Assert.Equal(("FurtherDiagnostics", true, 4), (record.Outcome, record.AvoidedReferral, record.Usefulness));
    }

    [Fact]
    public async Task a_referral_whose_patient_did_not_respond_and_whom_the_practice_called_becomes_a_referral_record()
    {
        await app.JoinAgreementAsync(_gp.OrganisationId, _hospital);
        var hospital = TestUsers.Internist(_hospital);
        var (made, _) = await app.TrackAsync(() => app.SendAsync(_gp, "/api/referrals", ReferralTesting.AReferral(_hospital), 201));
        await app.TrackAsync(() => app.SendAsync(hospital, $"/api/referrals/{made.Id}/accept"));
        await app.TrackAsync(() => app.SendAsync(hospital, $"/api/referrals/{made.Id}/invitations", new RecordInvitation("brief")));
        await app.TrackAsync(() => app.SendAsync(hospital, $"/api/referrals/{made.Id}/invitations", new RecordInvitation("telefoon")));
        await app.TrackAsync(() => app.SendAsync(hospital, $"/api/referrals/{made.Id}/no-response"));
        await app.TrackAsync(() => app.SendAsync(_gp, $"/api/referrals/{made.Id}/patient-contact", new RecordPatientContact(PatientContactOutcome.NotReached, null)));

        var record = await RecordAsync<HospitalReferralRecord>(made.Id);

        Assert.NotNull(record);
        Assert.Equal((_gp.OrganisationId, _hospital), (record.PracticeId, record.HospitalId));
        Assert.All(new[] { record.MadeAt, record.AcceptedAt, record.NoResponseAt, record.SafetyNetFollowedUpAt }, at => Assert.NotNull(at));
        Assert.Null(record.DeclinedAt);
    }

    [Fact]
    public async Task an_enrolled_patient_and_her_first_check_become_a_follow_up_record_under_the_agreements_hospital()
    {
        await app.JoinAgreementAsync(_gp.OrganisationId, _hospital);
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-2);
        var (enrolled, _) = await app.TrackAsync(async () => (await (await app.Host.Scenario(s =>
        {
            s.As(_gp);
            s.Post.Json(new EnrolPatient(_hospital, "HIS-" + Guid.NewGuid().ToString("N")[..6], PatientGroup.CaseFinding, "alendroninezuur", "70 mg per week", start)).ToUrl("/api/follow-up");
            s.StatusCodeShouldBe(201);
        })).ReadAsJsonAsync<FollowUpView>())!);
        var first = enrolled.Tasks.OrderBy(t => t.Due).First();
        await app.TrackAsync<IScenarioResult>(() => app.Host.Scenario(s =>
        {
            s.As(_gp);
            s.Post.Json(new RecordCheck(true, false, null, null, 0, false, null)).ToUrl($"/api/follow-up/tasks/{first.Id}/result");
        }));

        var record = await RecordAsync<FollowUpRecord>(enrolled.Id);

        Assert.NotNull(record);
        Assert.Equal((_gp.OrganisationId, (Guid?)_hospital, (PatientGroup?)PatientGroup.CaseFinding, (OsteoporosisDrugClass?)OsteoporosisDrugClass.Bisphosphonate, (DateOnly?)start),
            (record.PracticeId, record.HospitalId, record.Group, record.DrugClass, record.TreatmentStart));
        Assert.Equal(enrolled.Tasks.Count, record.Checks.Count);
        var recorded = Assert.Single(record.Checks, c => c.RecordedAt is not null);
        Assert.Equal((first.Id, (bool?)true), (recorded.TaskId, recorded.StillTakingMedication));
    }

    [Fact]
    public async Task a_listed_and_verified_location_becomes_a_directory_record_with_both_verifications()
    {
        var entry = new TherapistLocationEntry(
            "Fysio Indicatoren", "04123456", "Bredaseweg", "12a", "5038 AB", "Tilburg", "013-5441234", null,
            [new TherapistEntry("Anouk de Vries", TherapistDiscipline.Physiotherapist, "04000001", "19012345601")],
            [FallsPreventionOffer.InBalans], Languages: ["nl"], FundingRoutes: [FundingRoute.BasicInsurance], WaitingWeeks: 2);
        var (listed, _) = await app.TrackAsync(async () => (await (await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Coordinator());
            s.Post.Json(entry).ToUrl("/api/socialmap/locations");
            s.StatusCodeShouldBe(201);
        })).ReadAsJsonAsync<LocationView>())!);
        await app.TrackAsync<IScenarioResult>(() => app.Host.Scenario(s => s.As(TestUsers.Coordinator()).Post.Url($"/api/socialmap/locations/{listed.Id}/verify")));

        var record = await RecordAsync<DirectoryEntryRecord>(listed.Id);

        Assert.NotNull(record);
        Assert.Equal(("Tilburg", TherapistDiscipline.Physiotherapist), (record.Municipality, Assert.Single(record.Disciplines)));
        Assert.NotNull(record.ListedAt);
        Assert.Equal(2, record.VerifiedAt.Count);
    }
}
