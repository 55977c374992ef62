using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Api;
using Schakel.BuildingBlocks.Problems;
using Schakel.Referral.Agreements;
using Schakel.Referral.Contracts;

namespace Schakel.Referral.Referrals;

/// <summary>
/// The examples the OpenAPI document shows for the referral routes, for the HIS vendors who code
/// against them. Fictitious people and patients; real request and response types.
/// </summary>
public static class ReferralApiExamples
{
    private static readonly Guid ReferralId = Guid.Parse("019a9c41-7d20-7e11-8a35-4b6c2d1e0f21");
    private static readonly Guid PracticeId = Guid.Parse("019a8f2e-0000-7000-8000-00000000a001");
    private static readonly Guid HospitalId = Guid.Parse("019a8f2e-0000-7000-8000-00000000b001");
    private static readonly Guid AgreementId = Guid.Parse("019a8f2e-0000-7000-8000-00000000d001");
    private static readonly DateTimeOffset Made = new(2026, 11, 23, 10, 5, 0, TimeSpan.FromHours(1));

    public static readonly MakeReferral Make = new(
        HospitalId, ReferralTarget.FractureLiaisonService, PatientGroup.CaseFinding,
        new MakeReferral.PatientInput(new DateOnly(1951, 6, 2), Sex.Female, "HIS-20877", null),
        true,
        "Vrouw, 75 jaar, wervelfractuur Th12 op X-thorax; graag DEXA en behandeladvies.",
        new Dictionary<ReferralContentItem, string>
        {
            [ReferralContentItem.FractureHistory] = "Polsfractuur rechts 2019; wervelfractuur Th12 (X-thorax 10-11-2026).",
            [ReferralContentItem.CurrentMedication] = "Omeprazol 20 mg; geen botmedicatie.",
        },
        null);

    private static readonly BackReferPatient BackReferral = new(
        new DexaFindings(-2.9m, -2.2m, -1.9m, new DateOnly(2026, 12, 8)), 0, "Calcium 2,41 mmol/l, 25-OH-vitamine D 58 nmol/l, TSH normaal.",
        "alendroninezuur", "70 mg 1x per week", new DateOnly(2026, 12, 10), "Calcium/vitamine D erbij. Controle therapietrouw volgens de afspraak.");

    private static readonly ReferralStep MadeStep = new(1, Made, "made", "Dr. A. de Vries", null);

    private static readonly ReferralView Sent = new(
        ReferralId, ReferralStatus.Sent, ReferralTarget.FractureLiaisonService, PatientGroup.CaseFinding,
        new ReferredPatient("pt-bcdfghjklmnpqrstbcdfghjk", new DateOnly(1951, 6, 2), Sex.Female, "HIS-20877", null),
        Make.Reason,
        [new(ReferralContentItem.FractureHistory, Make.Content![ReferralContentItem.FractureHistory]), new(ReferralContentItem.CurrentMedication, Make.Content[ReferralContentItem.CurrentMedication])],
        PracticeId, "Huisartsenpraktijk De Linde", "Dr. A. de Vries", "Dr. A. de Vries", HospitalId, "Ziekenhuis Hart van Brabant", AgreementId, 2, null, Made,
        null, 0, null, null, null, false, null, [MadeStep], null);

    private static readonly ReferralView Accepted = Sent with
    {
        Status = ReferralStatus.Accepted,
        Timeline = [MadeStep, new(2, Made.AddDays(1), "accepted", "M. van Dijk", null)],
    };

    private static readonly ReferralView Invited = Accepted with
    {
        Status = ReferralStatus.Invited,
        InvitationsSent = 1,
        Timeline = [.. Accepted.Timeline, new(3, Made.AddDays(1), "invitation-sent", "M. van Dijk", "1: brief")],
    };

    private static readonly ReferralView Scheduled = Invited with
    {
        Status = ReferralStatus.AppointmentScheduled,
        AppointmentAt = Made.AddDays(14),
        AppointmentPlace = "Fractuurpreventiepolikliniek, locatie Tilburg",
        Timeline = [.. Invited.Timeline, new(4, Made.AddDays(3), "appointment-scheduled", "M. van Dijk", "Fractuurpreventiepolikliniek, locatie Tilburg")],
    };

    private static readonly ProblemDetails NotVisible = Problem.NotFound(VisibleReferrals.NotVisible);

    private static readonly ProblemDetails HospitalOnly = Problem.Forbidden("Alleen het ziekenhuis dat de verwijzing ontving, legt deze stap vast.");

    public static readonly ApiExamples All = new(
    [
        new("POST", "/api/referrals",
            "Refers a patient of the caller's practice to a hospital (fracture-prevention clinic, internist or rheumatologist) under the referral agreement the practice joined with it; the referral records the agreement's id and version. content holds the items the agreement requires (a missing one is a field error content.<Item>). With proposalId (a consultation question answered 'referral advised') the hospital comes from the proposal and the practice's patient number must be the proposal's patient. Send an Idempotency-Key header: a retry with the same key returns the first referral (200).",
            Make, Sent,
            [
                Problem.Invalid(new Dictionary<string, string[]>
                {
                    [ReferralContentText.Field(ReferralContentItem.DexaResult)] = [ReferralContentText.Missing(ReferralContentItem.DexaResult)],
                }, "De verwijsafspraak vraagt om meer gegevens."),
                Problem.Forbidden("Alleen een huisarts of praktijkondersteuner verwijst."),
                Problem.Conflict(MakeReferralEndpoint.NoAgreement),
            ]),
        new("GET", "/api/referrals",
            "The referrals the caller may see: her practice's (GP side, with the open loops: noHospitalResponse after 7 days, and the task to contact a patient who did not respond) or those to her hospital (hospital side), newest first. Filter: status (status=NoResponse lists the patients the practice must contact).",
            null,
            new[]
            {
                new ReferralListItem(ReferralId, ReferralStatus.NoResponse, Sent.Patient.PatientReference, "HIS-20877", ReferralTarget.FractureLiaisonService, PatientGroup.CaseFinding,
                    "Huisartsenpraktijk De Linde", "Ziekenhuis Hart van Brabant", Made, 2, null, false,
                    new PracticeTaskView(Guid.Parse("019a9c41-7d20-7e11-8a35-4b6c2d1e0f99"), PracticeTaskKind.ContactPatientAfterNoResponse, new DateOnly(2026, 12, 20), PracticeTaskStatus.Open)),
            },
            []),
        new("GET", "/api/referrals/{id}",
            "One referral with its patient, content, status and timeline (from its event stream). Every read is access-logged (NEN 7513).",
            null, Scheduled, [NotVisible]),
        new("POST", "/api/referrals/{id}/accept",
            "The receiving hospital accepts a referral that waits for its answer.",
            null, Accepted,
            [NotVisible, HospitalOnly, Problem.Conflict("Deze verwijzing is al geaccepteerd.")]),
        new("POST", "/api/referrals/{id}/decline",
            "The receiving hospital declines a referral that waits for its answer, with a reason the GP reads.",
            new DeclineReferral("Valt buiten de verwijscriteria: geen fractuur en geen verhoogd risico. Advies: herhaal de risicoschatting over een jaar."),
            Sent with { Status = ReferralStatus.Declined, DeclineReason = "Valt buiten de verwijscriteria." },
            [Problem.Invalid(new Dictionary<string, string[]> { ["reason"] = ["Schrijf waarom u de verwijzing afwijst."] }), NotVisible, HospitalOnly,
                Problem.Conflict("Alleen een verwijzing die nog op uw antwoord wacht, kan worden afgewezen.")]),
        new("POST", "/api/referrals/{id}/invitations",
            "The hospital records an invitation to the patient (numbered 1, 2, ...) and how it went out (letter, phone, patient portal).",
            new RecordInvitation("brief"), Invited,
            [NotVisible, HospitalOnly, Problem.Conflict("Accepteer de verwijzing eerst.")]),
        new("POST", "/api/referrals/{id}/appointment",
            "The hospital records the patient's appointment: when and where. A new appointment replaces the earlier one.",
            new ScheduleAppointment(Made.AddDays(14), "Fractuurpreventiepolikliniek, locatie Tilburg"), Scheduled,
            [NotVisible, HospitalOnly, Problem.Conflict("Accepteer de verwijzing eerst.")]),
        new("POST", "/api/referrals/{id}/no-response",
            "The safety net: after at least two invitations without a response the hospital records 'no response'; the referring practice gets a task to contact the patient within 5 days (patient group 1).",
            null, Invited with { Status = ReferralStatus.NoResponse, InvitationsSent = 2 },
            [NotVisible, HospitalOnly, Problem.Conflict("Nodig de patiënt eerst 2 keer uit; er is 1 uitnodiging vastgelegd.")]),
        new("POST", "/api/referrals/{id}/complete",
            "The hospital completes the referral after the appointment, with a short summary for the GP.",
            new CompleteReferral("DEXA: T-score LWK -2,9. Gestart met alendroninezuur 70 mg/week; terugverwijzing volgt."),
            Scheduled with { Status = ReferralStatus.Completed, Summary = "DEXA: T-score LWK -2,9. Gestart met alendroninezuur 70 mg/week; terugverwijzing volgt." },
            [NotVisible, HospitalOnly, Problem.Conflict("Leg eerst de afspraak met de patiënt vast.")]),
        new("POST", "/api/referrals/{id}/back-referral",
            "The hospital refers the patient back (terugrapportage) with the diagnostics and the treatment started; the practice's follow-up plan starts at once from the agreement version in force (adherence checks, evaluation, height).",
            BackReferral,
            Scheduled with
            {
                Status = ReferralStatus.BackReferred,
                BackReferral = new PatientReferredBack(ReferralId, BackReferral.Dexa, 0, BackReferral.Lab, BackReferral.Drug, BackReferral.Dose, BackReferral.TreatmentStart,
                    BackReferral.Remarks, Guid.Parse("019a9000-0000-7000-8000-0000000f0001"), AgreementId, 2, Guid.Parse("019a9000-0000-7000-8000-0000000c0001"), "M. van Dijk", Made.AddDays(30)),
            },
            [
                Problem.Invalid(new Dictionary<string, string[]> { ["drug"] = ["Vul het gestarte middel in."] }),
                NotVisible,
                HospitalOnly,
                Problem.Conflict("Terugverwijzen kan nadat de patiënt op de afspraak is geweest."),
            ]),
        new("POST", "/api/referrals/{id}/patient-contact",
            "The safety net's follow-up: the referring practice records that it contacted the patient who did not respond to the hospital's invitations (outcome Reached, NotReached or DeclinedFurtherCare; an optional note of at most 500 characters, no BSN). The practice's task becomes Done and the step joins the referral's timeline. 409 when no such task is open.",
            new RecordPatientContact(PatientContactOutcome.Reached, "Patiënt gebeld; wil alsnog naar de polikliniek, nieuwe verwijzing volgt."),
            Invited with
            {
                Status = ReferralStatus.NoResponse,
                InvitationsSent = 2,
                Task = new PracticeTaskView(Guid.Parse("019a9c41-7d20-7e11-8a35-4b6c2d1e0f99"), PracticeTaskKind.ContactPatientAfterNoResponse, new DateOnly(2026, 12, 20), PracticeTaskStatus.Done),
                PatientContact = new PatientContactRecorded(ReferralId, Guid.Parse("019a9c41-7d20-7e11-8a35-4b6c2d1e0f99"), PatientContactOutcome.Reached,
                    "Patiënt gebeld; wil alsnog naar de polikliniek, nieuwe verwijzing volgt.", Guid.Parse("019a9000-0000-7000-8000-0000000a0001"), "Dr. A. de Vries", Made.AddDays(18)),
            },
            [
                Problem.Invalid(new Dictionary<string, string[]> { ["outcome"] = ["Kies hoe het contact met de patiënt verliep: bereikt, niet bereikt of wil geen verdere zorg."] }),
                NotVisible,
                Problem.Forbidden("Alleen de verwijzende praktijk legt het contact met de patiënt vast."),
                Problem.Conflict(RecordPatientContactEndpoint.NoOpenTask),
            ]),
    ]);
}
