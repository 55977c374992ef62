using Schakel.BuildingBlocks.Api;
using Schakel.BuildingBlocks.Problems;
using Schakel.Referral.Contracts;
using Schakel.Referral.Timeline;

namespace Schakel.Referral.FollowUp;

/// <summary>The OpenAPI examples of the follow-up and timeline routes (fictitious patients).</summary>
public static class FollowUpApiExamples
{
    private static readonly Guid FollowUpId = Guid.Parse("019a9000-0000-7000-8000-0000000f0001");
    private static readonly Guid TaskId = Guid.Parse("019a9000-0000-7000-8000-0000000f0101");
    private static readonly Guid GpId = Guid.Parse("019a9000-0000-7000-8000-0000000a0001");
    private const string Patient = "pt-bcdfghjklmnpqrstbcdfghj";

    private static readonly FollowUpView View = new(
        FollowUpId, Patient, "HIS-4711", PatientGroup.GlucocorticoidUser, FollowUpSource.DirectEnrolment, null, "alendroninezuur", "70 mg per week",
        new DateOnly(2026, 10, 12), "Dr. A. de Vries", Guid.Parse("019a9000-0000-7000-8000-0000000e0001"), 2,
        [new FollowUpTask(TaskId, FollowUpTaskKind.AdherenceCheck, 1, new DateOnly(2026, 11, 12), false, false, FollowUpTaskState.Open, null, null, null)],
        TaskId, [], []);

    public static readonly ApiExamples All = new(
    [
        new("POST", "/api/follow-up",
            "Adds a patient of the caller's practice to the follow-up programme (groups 2, 3 and 5); the plan comes from the agreement version the practice joined with that hospital.",
            new EnrolPatient(Guid.Parse("019a9000-0000-7000-8000-0000000b0001"), "HIS-4711", PatientGroup.GlucocorticoidUser, "alendroninezuur", "70 mg per week", new DateOnly(2026, 10, 12)),
            View,
            [
                Problem.Invalid(new Dictionary<string, string[]> { ["group"] = ["Zelf aanmelden kan voor groep 2 (bekend met osteoporose), 3 (case finding) en 5 (prednisongebruik)."] }),
                Problem.Conflict(EnrolPatientEndpoint.NoAgreement),
            ]),
        new("GET", "/api/follow-up/tasks",
            "The practice's worklist: every open task due up to the end of this week (Overdue, ThisWeek) and each patient's next task after that (Later). Filter gp: the responsible GP's id.",
            null,
            new[] { new WorklistItem(TaskId, FollowUpId, FollowUpTaskKind.AdherenceCheck, 1, new DateOnly(2026, 11, 12), TaskBucket.Overdue, false, false, "HIS-4711", Patient, "alendroninezuur", GpId, "Dr. A. de Vries", false) },
            []),
        new("GET", "/api/follow-up/{id}",
            "One patient's follow-up with its plan, the checks done and any re-referral the agreement's criteria propose.",
            null, View, [Problem.NotFound(VisibleFollowUps.NotFound)]),
        new("POST", "/api/follow-up/tasks/{taskId}/result",
            "Records what a check found; when it meets a criterion of the agreement (intolerance, a new fracture or 2 cm height loss, denosumab stopped, the evaluation, complications) the referral back is proposed. At an evaluation whose plan asks for a repeat DEXA (repeatDexa), dexaRepeatedOn records the day it was made (not in the future, not before the treatment start; refused on other tasks).",
            new RecordCheck(false, true, "maagklachten", 164.5m, 0, false, null),
            View with { ProposedReReferral = [new ReReferralReason(Agreements.ReReferralCriterion.Intolerance, "Gestopt met de medicatie vanwege bijwerkingen.")] },
            [
                Problem.Invalid(new Dictionary<string, string[]>
                {
                    ["heightCm"] = ["Vul de lengte in centimeters in (100 tot 230)."],
                    [RecordCheckEndpoint.DexaField] = [RecordCheck.DexaNotAsked],
                }),
                Problem.NotFound(VisibleFollowUps.NotFound),
                Problem.Conflict("Deze controle is al vastgelegd."),
            ]),
        new("GET", "/api/patients/{patientRef}/timeline",
            "One patient's timeline at the caller's practice, by her pseudonymous reference: consultation steps, referrals and hospital steps, back-referral, follow-up checks, falls prevention.",
            null,
            new[]
            {
                new TimelineStep(new DateTimeOffset(2026, 9, 2, 10, 4, 0, TimeSpan.FromHours(2)), "Consultatie", "Consultatievraag gesteld aan interne geneeskunde (Ziekenhuis Hart van Brabant)", "/consultaties/019a8f2e-5c1d-7b3a-9e44-2d6f1a0b7c91"),
                new TimelineStep(new DateTimeOffset(2026, 10, 12, 9, 0, 0, TimeSpan.FromHours(2)), "Opvolging", "Aangemeld voor opvolging: alendroninezuur, vanaf 12-10-2026", $"/opvolging/{FollowUpId}"),
            },
            [Problem.NotFound(GetPatientTimelineEndpoint.NotFound)]),
    ]);
}
