using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.Referral.FollowUp;
using Schakel.Referral.Timeline;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Referral.Timeline;

/// <summary>A patient's consultation and follow-up show on one timeline of her practice, and nowhere else.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class OnePatientOneTimeline(IntegrationApp app)
{
    [Fact]
    public async Task consultation_steps_and_follow_up_checks_of_one_patient_are_on_one_timeline_of_her_practice()
    {
        var practice = Guid.CreateVersion7();
        var hospital = Guid.CreateVersion7();
        var gp = TestUsers.Gp(practice);
        var reference = "T-" + Guid.NewGuid().ToString("N")[..8];
        await OpenConsultationPools.OpenAsync(app.Store, hospital, "Testziekenhuis", [SpecialtyPool.InternalMedicine], CancellationToken.None);
        var posted = await app.Host.Scenario(s =>
        {
            s.As(gp);
            s.Post.Json(new PostQuestion(hospital, SpecialtyPool.InternalMedicine, null, new PostQuestion.PatientInput(new DateOnly(1952, 7, 1), Sex.Female, reference, null),
                true, QuestionCategory.StartTreatment, "Starten met een bisfosfonaat?", null, WouldRefer.No, false)).ToUrl("/api/consultations");
            s.StatusCodeShouldBe(201);
        });
        var question = (await posted.ReadAsJsonAsync<QuestionView>())!;
        var internist = TestUsers.Internist(hospital);
        await app.Host.Scenario(s => { s.As(internist); s.Post.Url($"/api/consultations/{question.Id}/claim"); s.StatusCodeShouldBeOk(); });
        await app.Host.Scenario(s =>
        {
            s.As(internist);
            s.Post.Json(new AnswerQuestion("Start alendroninezuur 70 mg per week.", AnswerOutcome.AdviceOnly)).ToUrl($"/api/consultations/{question.Id}/answer");
            s.StatusCodeShouldBeOk();
        });
        await using (var session = app.Store.LightweightSession())
        {
            var terms = new AgreementTerms(Guid.CreateVersion7(), 1, hospital, "Testziekenhuis", new Dictionary<PatientGroup, string>(), [], FollowUpSchedule.Default, [ReReferralCriterion.Intolerance]);
            session.Store(new JoinedAgreement(JoinedAgreement.IdOf(practice, hospital), practice, hospital, terms, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        await app.Host.Scenario(s =>
        {
            s.As(gp);
            s.Post.Json(new EnrolPatient(hospital, reference, PatientGroup.KnownOsteoporosisTreatedByGp, "alendroninezuur", null, DateOnly.FromDateTime(DateTime.UtcNow))).ToUrl("/api/follow-up");
            s.StatusCodeShouldBe(201);
        });

        var steps = await EventuallyAsync(gp, question.PatientReference, 3);

        Assert.Equal(["Consultatie", "Consultatie", "Opvolging"], steps.Select(s => s.Source));
        Assert.StartsWith("Consultatievraag gesteld aan interne geneeskunde", steps[0].What, StringComparison.Ordinal);
        Assert.Equal("Consultatie beantwoord: advies, huisarts behandelt verder", steps[1].What);
        Assert.Equal($"/consultaties/{question.Id}", steps[0].Link);
        Assert.Equal(steps.OrderBy(s => s.At), steps);

        await app.Host.Scenario(s => { s.As(TestUsers.Gp(Guid.CreateVersion7())); s.Get.Url($"/api/patients/{question.PatientReference}/timeline"); s.StatusCodeShouldBe(404); });
        await app.Host.Scenario(s => { s.As(gp); s.Get.Url("/api/patients/123456782/timeline"); s.StatusCodeShouldBe(404); });
        await app.Host.Scenario(s => { s.As(internist); s.Get.Url($"/api/patients/{question.PatientReference}/timeline"); s.StatusCodeShouldBe(403); });
    }

    private async Task<IReadOnlyList<TimelineStep>> EventuallyAsync(CareUser gp, string patient, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var result = await app.Host.Scenario(s => { s.As(gp); s.Get.Url($"/api/patients/{patient}/timeline"); s.IgnoreStatusCode(); });
            if (result.Context.Response.StatusCode == 200 && (await result.ReadAsJsonAsync<TimelineStep[]>())! is { } steps && steps.Length >= count)
            {
                return steps;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The timeline did not reach {count} steps.");
            await Task.Delay(100);
        }
    }
}
