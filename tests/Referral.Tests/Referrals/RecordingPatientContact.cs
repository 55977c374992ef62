using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.Referral.Pages.Referrals;
using Schakel.Referral.Referrals;

namespace Schakel.Referral.Tests.Referrals;

/// <summary>The safety net's follow-up: the practice records its contact with a patient who did not respond to the hospital.</summary>
public sealed class RecordingPatientContact
{
    private static readonly Guid Practice = Guid.CreateVersion7();
    private static readonly Guid Hospital = Guid.CreateVersion7();
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1));

    private static readonly CareUser Gp = new(
        Guid.CreateVersion7(), "Dr. Huisarts", new HashSet<string> { SchakelRoles.GeneralPractitioner }, Practice, OrganisationKind.GpPractice, "Praktijk", null,
        Guid.CreateVersion7(), "Dr. Huisarts", null);

    private static readonly CareUser Nurse = new(
        Guid.CreateVersion7(), "Verpleegkundige", new HashSet<string> { SchakelRoles.OsteoporosisNurse }, Hospital, OrganisationKind.Hospital, "Ziekenhuis", null,
        Guid.CreateVersion7(), "Verpleegkundige", null);

    private static readonly RecordPatientContact Reached = new(PatientContactOutcome.Reached, "  Gebeld; wil alsnog komen.  ");

    /// <summary>A referral the hospital could not get a response to, and the practice's task that followed.</summary>
    private static (HospitalReferral Referral, PracticeTask Task) NoResponse()
    {
        var agreement = new JoinedAgreement(
            JoinedAgreement.IdOf(Practice, Hospital), Practice, Hospital,
            new AgreementTerms(Guid.CreateVersion7(), 1, Hospital, "Ziekenhuis", new Dictionary<PatientGroup, string>(), new HashSet<ReferralContentItem>(),
                FollowUpSchedule.Default, new HashSet<ReReferralCriterion>()),
            Monday.AddDays(-30));
        var request = new MakeReferral(Hospital, ReferralTarget.FractureLiaisonService, PatientGroup.CaseFinding,
            new MakeReferral.PatientInput(new DateOnly(1950, 1, 1), Sex.Female, "P-1", null), true, "Wervelfractuur.", null, null);
        var referral = HospitalReferral.Start(MakeReferralEndpoint.Decide(Guid.CreateVersion7(), request, Gp, agreement, null, new PatientPseudonyms(new byte[32]), Monday).Made!);
        foreach (var step in new Func<HospitalReferral, (object?, ProblemDetails?)>[]
        {
            r => AcceptReferralEndpoint.Decide(r, Nurse, Monday),
            r => RecordInvitationEndpoint.Decide(r, Nurse, new RecordInvitation("brief"), Monday),
            r => RecordInvitationEndpoint.Decide(r, Nurse, new RecordInvitation("telefoon"), Monday),
            r => RecordNoResponseEndpoint.Decide(r, Nurse, Monday),
        })
        {
            referral = referral.Then(step(referral).Item1!);
        }

        return (referral, PracticeTask.ContactAfterNoResponse(Guid.CreateVersion7(), referral, Monday));
    }

    [Fact]
    public void the_practice_records_the_contact_on_the_open_task_and_the_referral_keeps_it()
    {
        var (referral, task) = NoResponse();

        var (change, problem) = RecordPatientContactEndpoint.Decide(referral, Gp, Reached, task, Monday.AddDays(2));

        Assert.Null(problem);
        var recorded = Assert.IsType<PatientContactRecorded>(change);
        Assert.Equal((referral.Id, task.Id, PatientContactOutcome.Reached, "Gebeld; wil alsnog komen.", "Dr. Huisarts"),
            (recorded.ReferralId, recorded.TaskId, recorded.Outcome, recorded.Note, recorded.ByName));
        var after = referral.Then(recorded);
        Assert.Equal((ReferralStatus.NoResponse, recorded), (after.Status, after.PatientContact));
        Assert.Equal(referral.Version + 1, after.Version);
    }

    [Fact]
    public void an_empty_note_is_no_note()
    {
        var (referral, task) = NoResponse();

        var (change, _) = RecordPatientContactEndpoint.Decide(referral, Gp, new RecordPatientContact(PatientContactOutcome.NotReached, "   "), task, Monday);

        Assert.Null(Assert.IsType<PatientContactRecorded>(change).Note);
    }

    [Fact]
    public void without_an_open_task_it_is_a_conflict()
    {
        var (referral, task) = NoResponse();

        Assert.Equal(409, RecordPatientContactEndpoint.Decide(referral, Gp, Reached, null, Monday).Item2!.Status);
        Assert.Equal(409, RecordPatientContactEndpoint.Decide(referral, Gp, Reached, task with { Status = PracticeTaskStatus.Done }, Monday).Item2!.Status);
        Assert.Equal(409, RecordPatientContactEndpoint.Decide(referral, Gp, Reached, task with { ReferralId = Guid.CreateVersion7() }, Monday).Item2!.Status);
        Assert.Equal(RecordPatientContactEndpoint.NoOpenTask, RecordPatientContactEndpoint.Decide(referral, Gp, Reached, null, Monday).Item2!.Detail);
    }

    [Fact]
    public void the_hospital_sees_the_referral_but_may_not_record_the_practices_contact()
    {
        var (referral, task) = NoResponse();

        var (change, problem) = RecordPatientContactEndpoint.Decide(referral, Nurse, Reached, task, Monday);

        Assert.Null(change);
        Assert.Equal(403, problem!.Status);
    }

    [Fact]
    public void the_contact_is_heard_as_the_safety_nets_follow_up_without_patient_data()
    {
        var (referral, task) = NoResponse();
        var recorded = (PatientContactRecorded)RecordPatientContactEndpoint.Decide(referral, Gp, Reached, task, Monday).Item1!;

        var message = ReferralEffects.Message(recorded, referral.Then(recorded), Monday);

        Assert.Equal((ReferralChange.SafetyNetFollowedUp, referral.Id, Practice, Hospital), (message.Change, message.ReferralId, message.PracticeId, message.HospitalId));
        Assert.DoesNotContain(referral.PatientReference, message.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Gebeld", message.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void the_timeline_tells_how_the_contact_went_in_dutch()
    {
        var (referral, task) = NoResponse();
        var recorded = (PatientContactRecorded)RecordPatientContactEndpoint.Decide(referral, Gp, new RecordPatientContact(PatientContactOutcome.DeclinedFurtherCare, null), task, Monday).Item1!;

        var step = ReferralTimeline.Step(6, recorded)!;

        Assert.Equal(("patient-contacted", "Dr. Huisarts", "Patiënt wil geen verdere zorg"), (step.Kind, step.Who, step.Text));
        Assert.Equal("Praktijk nam contact op met de patiënt", ReferralWords.Step(step.Kind));
    }

    [Theory]
    [InlineData(0, null, "Outcome")]
    [InlineData(9, null, "Outcome")]
    [InlineData(1, "BSN 111222333 gebeld", "Note")]
    public void a_bad_outcome_or_a_bsn_in_the_note_is_refused(int outcome, string? note, string field)
    {
        var result = new RecordPatientContact.Validator().Validate(new RecordPatientContact((PatientContactOutcome)outcome, note));

        Assert.Equal([field], result.Errors.Select(e => e.PropertyName));
    }

    [Fact]
    public void a_note_holds_at_most_500_characters()
    {
        var validator = new RecordPatientContact.Validator();

        Assert.True(validator.Validate(new RecordPatientContact(PatientContactOutcome.Reached, new string('a', 500))).IsValid);
        Assert.Equal("Hoogstens 500 tekens.", validator.Validate(new RecordPatientContact(PatientContactOutcome.Reached, new string('a', 501))).Errors.Single().ErrorMessage);
    }
}
