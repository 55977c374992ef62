using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Referral.Agreements;
using Schakel.Referral.Proposals;
using Schakel.Referral.Referrals;
using Schakel.Testing;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.Referral.Referrals;

/// <summary>
/// Across both modules: a consultation answered "referral advised" offers the GP a ready referral
/// (through the Consultation contract), which she turns into a referral for the same patient, once.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ReferringFromAConsultation(IntegrationApp app)
{
    [Fact]
    public async Task an_advised_referral_becomes_a_referral_for_the_same_patient_once()
    {
        var hospital = Guid.CreateVersion7();
        var gp = TestUsers.Gp(Guid.CreateVersion7());
        var rheumatologist = TestUsers.Rheumatologist(hospital);
        await OpenConsultationPools.OpenAsync(app.Store, hospital, "Testziekenhuis", [SpecialtyPool.Rheumatology], CancellationToken.None);
        await app.JoinAgreementAsync(gp.OrganisationId, hospital, ReferralContentItem.FractureHistory);
        var reference = ReferralTesting.NewPracticeReference();
        var question = await PostQuestionAsync(gp, hospital, reference);
        await Consult(rheumatologist, $"/api/consultations/{question.Id}/claim");

        await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(_ =>
            Consult(rheumatologist, $"/api/consultations/{question.Id}/answer", new AnswerQuestion("Verwijs voor start van teriparatide.", AnswerOutcome.ReferralAdvised))));
        var proposals = await ProposalsAsync(gp);
        Assert.Contains(proposals, p => p.Id == question.Id);

        // The proposal names the patient only by her pseudonym: the GP gives her own number again, and it must be the same patient.
        await app.SendAsync(gp, "/api/referrals", ReferralTesting.AReferral(hospital, reference: ReferralTesting.NewPracticeReference(), proposal: question.Id), 400);
        var made = await app.SendAsync(gp, "/api/referrals", ReferralTesting.AReferral(hospital, reference: reference, proposal: question.Id), 201);

        Assert.Equal((hospital, ReferralTarget.Rheumatologist, question.Id, question.PatientReference),
            (made.HospitalId, made.Target, made.ProposalId, made.Patient.PatientReference));
        Assert.DoesNotContain(await ProposalsAsync(gp), p => p.Id == question.Id);
        await app.SendAsync(gp, "/api/referrals", ReferralTesting.AReferral(hospital, reference: reference, proposal: question.Id), 409);
        await app.SendAsync(TestUsers.Gp(Guid.CreateVersion7()), "/api/referrals", ReferralTesting.AReferral(hospital, reference: reference, proposal: question.Id), 400);
    }

    private async Task<QuestionView> PostQuestionAsync(CareUser gp, Guid hospital, string reference)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(gp);
            s.Post.Json(new PostQuestion(hospital, SpecialtyPool.Rheumatology, null,
                new PostQuestion.PatientInput(new DateOnly(1948, 4, 1), Schakel.Consultation.Questions.Sex.Female, reference, null),
                true, QuestionCategory.StartTreatment, "Twee wervelfracturen onder alendronaat: overstappen?", null, WouldRefer.Yes, false)).ToUrl("/api/consultations");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<QuestionView>())!;
    }

    private Task Consult(CareUser who, string url, object? body = null) => app.Host.Scenario(s =>
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

        s.StatusCodeShouldBe(200);
    });

    private async Task<List<ReferralProposal>> ProposalsAsync(CareUser gp) =>
        (await (await app.Host.Scenario(s => s.As(gp).Get.Url("/api/referral/proposals"))).ReadAsJsonAsync<List<ReferralProposal>>())!;
}
