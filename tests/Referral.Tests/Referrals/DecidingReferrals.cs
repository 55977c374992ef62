using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Contracts;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;
using Schakel.Referral.Proposals;
using Schakel.Referral.Referrals;

namespace Schakel.Referral.Tests.Referrals;

/// <summary>The pure decisions of a referral's life: making it, and each step the hospital takes.</summary>
public sealed class DecidingReferrals
{
    private static readonly Guid Practice = Guid.CreateVersion7();
    private static readonly Guid Hospital = Guid.CreateVersion7();
    private static readonly PatientPseudonyms Pseudonyms = new(new byte[32]);
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1));

    private static CareUser Gp()
    {
        var id = Guid.CreateVersion7();
        return new CareUser(id, "Dr. Huisarts", new HashSet<string> { SchakelRoles.GeneralPractitioner }, Practice, OrganisationKind.GpPractice, "Praktijk", null, id, "Dr. Huisarts", null);
    }

    private static CareUser Nurse(CareUser gp) =>
        new(Guid.CreateVersion7(), "POH", new HashSet<string> { SchakelRoles.PracticeNurse }, Practice, OrganisationKind.GpPractice, "Praktijk", null, gp.UserId, gp.Name, null);

    private static CareUser OsteoporosisNurse(Guid? hospital = null)
    {
        var id = Guid.CreateVersion7();
        return new CareUser(id, "Verpleegkundige", new HashSet<string> { SchakelRoles.OsteoporosisNurse }, hospital ?? Hospital, OrganisationKind.Hospital, "Ziekenhuis", null, id, "Verpleegkundige", null);
    }

    private static JoinedAgreement Agreement(params ReferralContentItem[] required) => new(
        JoinedAgreement.IdOf(Practice, Hospital), Practice, Hospital,
        new AgreementTerms(Guid.CreateVersion7(), 3, Hospital, "Ziekenhuis", new Dictionary<PatientGroup, string>(), required.ToHashSet(),
            FollowUpSchedule.Default, new HashSet<ReReferralCriterion>()),
        Monday.AddDays(-30));

    private static MakeReferral AReferral(Dictionary<ReferralContentItem, string>? content = null, Guid? proposal = null, string reference = "P-1", Guid? hospital = null) => new(
        proposal is null ? hospital ?? Hospital : hospital, proposal is null ? ReferralTarget.FractureLiaisonService : null, PatientGroup.CaseFinding,
        new MakeReferral.PatientInput(new DateOnly(1950, 1, 1), Sex.Female, reference, " 111 222 333 "),
        true, "  Wervelfractuur op X-thorax.  ", content, proposal);

    private static ReferralProposal AProposal(string reference = "P-1", Specialty specialty = Specialty.Rheumatology) => new(
        Guid.CreateVersion7(), Practice, Guid.CreateVersion7(), Hospital, "Ziekenhuis", specialty, Pseudonyms.For(Practice, reference), "Dr. Reuma", Monday.AddDays(-1));

    private static HospitalReferral Made(CareUser? gp = null) =>
        HospitalReferral.Start(MakeReferralEndpoint.Decide(Guid.CreateVersion7(), AReferral(), gp ?? Gp(), Agreement(), null, Pseudonyms, Monday).Made!);

    private static HospitalReferral After(HospitalReferral referral, params Func<HospitalReferral, (object?, ProblemDetails?)>[] steps) =>
        steps.Aggregate(referral, (r, step) => r.Then(step(r).Item1 ?? throw new InvalidOperationException($"A step was refused: {step(r).Item2?.Detail}")));

    private static (object?, ProblemDetails?) Accept(HospitalReferral r) => AcceptReferralEndpoint.Decide(r, OsteoporosisNurse(), Monday);

    private static (object?, ProblemDetails?) Invite(HospitalReferral r) => RecordInvitationEndpoint.Decide(r, OsteoporosisNurse(), new RecordInvitation("brief"), Monday);

    private static (object?, ProblemDetails?) Schedule(HospitalReferral r) =>
        ScheduleAppointmentEndpoint.Decide(r, OsteoporosisNurse(), new ScheduleAppointment(Monday.AddDays(14), "FLS Tilburg"), Monday);

    [Fact]
    public void a_referral_records_the_agreement_version_the_pseudonym_and_the_trimmed_content()
    {
        var agreement = Agreement(ReferralContentItem.DexaResult);

        var (made, problem) = MakeReferralEndpoint.Decide(Guid.CreateVersion7(), AReferral(new() { [ReferralContentItem.DexaResult] = " T-score -2,8 ", [ReferralContentItem.Comorbidity] = " " }),
            Gp(), agreement, null, Pseudonyms, Monday);

        Assert.Null(problem);
        Assert.Equal((agreement.Terms.AgreementId, 3), (made!.AgreementId, made.AgreementVersion));
        Assert.Equal(Pseudonyms.For(Practice, "P-1"), made.Patient.PatientReference);
        Assert.Equal("111222333", made.Patient.Bsn);
        Assert.Equal([new ReferralContent(ReferralContentItem.DexaResult, "T-score -2,8")], made.Content);
        Assert.Equal("Wervelfractuur op X-thorax.", made.Reason);
        Assert.Equal(ReferralStatus.Sent, HospitalReferral.Start(made).Status);
    }

    [Fact]
    public void a_practice_nurse_refers_and_her_gp_is_responsible()
    {
        var gp = Gp();
        var nurse = Nurse(gp);

        var made = MakeReferralEndpoint.Decide(Guid.CreateVersion7(), AReferral(), nurse, Agreement(), null, Pseudonyms, Monday).Made!;

        Assert.Equal((gp.UserId, nurse.UserId), (made.ResponsibleGpId, made.MadeById));
    }

    [Fact]
    public void without_a_joined_agreement_the_referral_is_refused_with_409()
    {
        var (made, problem) = MakeReferralEndpoint.Decide(Guid.CreateVersion7(), AReferral(), Gp(), null, null, Pseudonyms, Monday);

        Assert.Null(made);
        Assert.Equal(409, problem!.Status);
        Assert.Equal("Uw praktijk heeft nog geen verwijsafspraak met dit ziekenhuis.", problem.Detail);
    }

    [Fact]
    public void every_missing_required_item_gets_its_own_field_error_and_the_reason_counts_as_given()
    {
        var agreement = Agreement(ReferralContentItem.Reason, ReferralContentItem.DexaResult, ReferralContentItem.LabValues, ReferralContentItem.CurrentMedication);

        var (_, problem) = MakeReferralEndpoint.Decide(Guid.CreateVersion7(), AReferral(new() { [ReferralContentItem.CurrentMedication] = "Geen", [ReferralContentItem.LabValues] = "  " }),
            Gp(), agreement, null, Pseudonyms, Monday);

        var invalid = Assert.IsType<ValidationProblemDetails>(problem);
        Assert.Equal(["content.DexaResult", "content.LabValues"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Vul de DEXA-uitslag in; de verwijsafspraak vraagt erom."], invalid.Errors["content.DexaResult"]);
    }

    [Fact]
    public void from_a_proposal_the_hospital_and_target_come_from_the_proposal()
    {
        var proposal = AProposal(specialty: Specialty.Rheumatology);

        var made = MakeReferralEndpoint.Decide(Guid.CreateVersion7(), AReferral(proposal: proposal.Id), Gp(), Agreement(), proposal, Pseudonyms, Monday).Made!;

        Assert.Equal((Hospital, ReferralTarget.Rheumatologist, proposal.Id), (made.HospitalId, made.Target, made.ProposalId));
    }

    [Fact]
    public void from_a_proposal_the_patient_number_must_yield_the_proposals_patient()
    {
        var proposal = AProposal(reference: "P-1");

        var (_, problem) = MakeReferralEndpoint.Decide(Guid.CreateVersion7(), AReferral(proposal: proposal.Id, reference: "P-2"), Gp(), Agreement(), proposal, Pseudonyms, Monday);

        Assert.Contains("patient.practicePatientReference", Assert.IsType<ValidationProblemDetails>(problem).Errors.Keys);
    }

    [Fact]
    public void a_used_proposal_or_another_practices_proposal_is_refused()
    {
        var used = AProposal() with { UsedByReferralId = Guid.CreateVersion7() };
        var foreign = AProposal() with { PracticeId = Guid.CreateVersion7() };

        Assert.Equal(409, MakeReferralEndpoint.Decide(Guid.CreateVersion7(), AReferral(proposal: used.Id), Gp(), Agreement(), used, Pseudonyms, Monday).Problem!.Status);
        Assert.Contains("proposalId", Assert.IsType<ValidationProblemDetails>(
            MakeReferralEndpoint.Decide(Guid.CreateVersion7(), AReferral(proposal: foreign.Id), Gp(), Agreement(), foreign, Pseudonyms, Monday).Problem).Errors.Keys);
        Assert.Contains("proposalId", Assert.IsType<ValidationProblemDetails>(
            MakeReferralEndpoint.Decide(Guid.CreateVersion7(), AReferral(proposal: Guid.CreateVersion7()), Gp(), Agreement(), null, Pseudonyms, Monday).Problem).Errors.Keys);
    }

    [Fact]
    public void the_hospital_accepts_a_sent_referral_once()
    {
        var accepted = After(Made(), Accept);

        Assert.Equal(ReferralStatus.Accepted, accepted.Status);
        Assert.Equal(409, Accept(accepted).Item2!.Status);
    }

    [Fact]
    public void a_gp_may_not_take_the_hospitals_steps()
    {
        var gp = Gp();
        var referral = Made(gp);

        Assert.Equal(403, AcceptReferralEndpoint.Decide(referral, gp, Monday).Item2!.Status);
        Assert.Equal(403, DeclineReferralEndpoint.Decide(referral, gp, new DeclineReferral("Nee"), Monday).Item2!.Status);
        Assert.Equal(403, RecordNoResponseEndpoint.Decide(After(referral, Accept, Invite, Invite), gp, Monday).Item2!.Status);
    }

    [Fact]
    public void a_declined_referral_keeps_its_reason_and_takes_no_more_steps()
    {
        var declined = After(Made(), r => DeclineReferralEndpoint.Decide(r, OsteoporosisNurse(), new DeclineReferral(" Buiten de criteria. "), Monday));

        Assert.Equal((ReferralStatus.Declined, "Buiten de criteria."), (declined.Status, declined.DeclineReason));
        Assert.Equal(409, Accept(declined).Item2!.Status);
        Assert.Equal(409, Invite(declined).Item2!.Status);
    }

    [Fact]
    public void invitations_are_numbered_and_need_an_accepted_referral()
    {
        var referral = Made();

        Assert.Equal(409, Invite(referral).Item2!.Status);
        var twice = After(referral, Accept, Invite, Invite);
        Assert.Equal((ReferralStatus.Invited, 2), (twice.Status, twice.InvitationsSent));
        Assert.Equal(3, Assert.IsType<InvitationSent>(Invite(twice).Item1).Number);
    }

    [Fact]
    public void no_response_needs_two_invitations()
    {
        var once = After(Made(), Accept, Invite);

        var (_, refused) = RecordNoResponseEndpoint.Decide(once, OsteoporosisNurse(), Monday);
        var (recorded, _) = RecordNoResponseEndpoint.Decide(After(once, Invite), OsteoporosisNurse(), Monday);

        Assert.Equal(409, refused!.Status);
        Assert.Equal(2, Assert.IsType<PatientDidNotRespond>(recorded).InvitationsSent);
        Assert.Equal(409, RecordNoResponseEndpoint.Decide(After(once, Invite, Schedule), OsteoporosisNurse(), Monday).Item2!.Status);
    }

    [Fact]
    public void the_practice_task_after_no_response_is_due_five_calendar_days_later_in_dutch_time()
    {
        var referral = After(Made(), Accept, Invite, Invite);
        // 23:30 UTC on Sunday 29 November is already Monday 30 November in Amsterdam.
        var late = new DateTimeOffset(2026, 11, 29, 23, 30, 0, TimeSpan.Zero);

        var task = PracticeTask.ContactAfterNoResponse(Guid.CreateVersion7(), referral, late);

        Assert.Equal(new DateOnly(2026, 12, 5), task.DueOn);
        Assert.Equal((PracticeTaskKind.ContactPatientAfterNoResponse, PracticeTaskStatus.Open, referral.ResponsibleGpId, referral.PatientReference),
            (task.Kind, task.Status, task.ResponsibleGpId, task.PatientReference));
    }

    [Fact]
    public void an_appointment_can_be_moved_and_completing_needs_one()
    {
        var accepted = After(Made(), Accept);

        Assert.Equal(409, CompleteReferralEndpoint.Decide(accepted, OsteoporosisNurse(), new CompleteReferral("Gezien."), Monday).Item2!.Status);
        var moved = After(accepted, Schedule, r => ScheduleAppointmentEndpoint.Decide(r, OsteoporosisNurse(), new ScheduleAppointment(Monday.AddDays(21), "FLS Waalwijk"), Monday));
        Assert.Equal((Monday.AddDays(21), "FLS Waalwijk"), (moved.AppointmentAt, moved.AppointmentPlace));
        var completed = After(moved, r => CompleteReferralEndpoint.Decide(r, OsteoporosisNurse(), new CompleteReferral(" Gestart met alendronaat. "), Monday));
        Assert.Equal((ReferralStatus.Completed, "Gestart met alendronaat."), (completed.Status, completed.Summary));
    }

    [Fact]
    public void the_gp_sees_an_open_loop_when_the_hospital_has_not_answered_in_seven_days()
    {
        var referral = Made();

        Assert.False(referral.AwaitsHospitalTooLong(Monday.AddDays(6)));
        Assert.True(referral.AwaitsHospitalTooLong(Monday.AddDays(7)));
        Assert.False(After(referral, Accept).AwaitsHospitalTooLong(Monday.AddDays(8)));
    }

    [Fact]
    public void only_the_referring_practice_and_the_receiving_hospital_see_a_referral()
    {
        var referral = Made();

        Assert.True(referral.IsVisibleTo(Gp()));
        Assert.True(referral.IsVisibleTo(OsteoporosisNurse()));
        Assert.False(referral.IsVisibleTo(OsteoporosisNurse(Guid.CreateVersion7())));
        Assert.False(referral.IsVisibleTo(Gp() with { OrganisationId = Guid.CreateVersion7() }));
        Assert.False(referral.IsVisibleTo(Gp() with { OrganisationId = Hospital, OrganisationKind = OrganisationKind.Region }));
    }

    [Fact]
    public void every_change_is_heard_by_its_kind_without_patient_data()
    {
        var referral = After(Made(), Accept);

        var message = ReferralEffects.Message(new ReferralAccepted(referral.Id, Guid.CreateVersion7(), "X", Monday), referral, Monday);

        Assert.Equal((ReferralChange.Accepted, ReferralTargetKind.FractureLiaisonService, referral.AgreementVersion), (message.Change, message.Target, message.AgreementVersion));
        Assert.DoesNotContain(referral.PatientReference, message.ToString(), StringComparison.Ordinal);
    }
}
