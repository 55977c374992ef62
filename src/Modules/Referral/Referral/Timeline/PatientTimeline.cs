using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Problems;
using Schakel.Consultation.Contracts;
using Schakel.Referral.FollowUp;
using Wolverine.Http;

namespace Schakel.Referral.Timeline;

/// <summary>One step in a patient's story at the practice, with where to read more.</summary>
public sealed record TimelineStep(DateTimeOffset At, string Source, string What, string? Link);

/// <summary>
/// One timeline per patient of a practice across consultation, referral, hospital steps,
/// back-referral, follow-up checks and falls-prevention referral, read from the event streams
/// (and the module's copy of consultation steps), so nothing disappears in a black hole.
/// </summary>
public static class PatientTimeline
{
    public static async Task<IReadOnlyList<TimelineStep>> ForAsync(Guid practiceId, string patientReference, IQuerySession session, CancellationToken ct)
    {
        var steps = new List<TimelineStep>();
        var consultations = await session.Query<ConsultationStep>()
            .Where(s => s.PracticeId == practiceId && s.PatientReference == patientReference).ToListAsync(ct).ConfigureAwait(false);
        steps.AddRange(consultations.Select(Of));

        var followUps = await session.Query<PatientFollowUp>()
            .Where(f => f.PracticeId == practiceId && f.PatientReference == patientReference).Select(f => f.Id).ToListAsync(ct).ConfigureAwait(false);
        foreach (var id in followUps)
        {
            steps.AddRange((await session.Events.FetchStreamAsync(id, token: ct).ConfigureAwait(false)).Select(e => Of(e.Data, id)).OfType<TimelineStep>());
        }

        var referrals = await session.Query<Schakel.Referral.Referrals.HospitalReferral>()
            .Where(r => r.PracticeId == practiceId && r.Patient.PatientReference == patientReference).Select(r => r.Id).ToListAsync(ct).ConfigureAwait(false);
        foreach (var id in referrals)
        {
            steps.AddRange((await Schakel.Referral.Referrals.ReferralTimeline.LoadAsync(session, id, ct).ConfigureAwait(false))
                .Select(r => new TimelineStep(r.At, "Verwijzing", Schakel.Referral.Pages.Referrals.ReferralWords.Step(r.Kind) + (r.Text is null ? "" : ": " + r.Text), $"/verwijzingen/{id}")));
        }

        var falls = await session.Query<Schakel.Referral.FallsPrevention.FallsPreventionReferral>()
            .Where(r => r.PracticeId == practiceId && r.PatientReference == patientReference).ToListAsync(ct).ConfigureAwait(false);
        foreach (var r in falls)
        {
            var link = $"/valpreventie/{r.Id}";
            steps.Add(new TimelineStep(r.MadeAt, "Valpreventie", $"Verwezen naar {r.LocationName} ({r.Programme})", link));
            if (r.Intake is { } intake)
            {
                steps.Add(new TimelineStep(intake.ConfirmedAt, "Valpreventie", $"Intake bevestigd door {intake.TherapistName}", link));
            }

            if (r.Report is { } report)
            {
                steps.Add(new TimelineStep(report.ReportedAt, "Valpreventie", $"Behandeling afgerond na {report.SessionsAttended} sessies: {report.Outcome}", link));
            }
        }

        return steps.OrderBy(s => s.At).ToList();
    }

    private static TimelineStep Of(ConsultationStep s) => new(s.At, "Consultatie", s.Change switch
    {
        QuestionChange.Posted => $"Consultatievraag gesteld aan {Pool(s.Specialty)} ({s.HospitalName})",
        QuestionChange.Answered => "Consultatie beantwoord: " + s.Outcome switch
        {
            "AdviceOnly" => "advies, huisarts behandelt verder",
            "FurtherDiagnostics" => "aanvullend onderzoek geadviseerd",
            "ReferralAdvised" => "verwijzing geadviseerd",
            "NoActionNeeded" => "geen actie nodig",
            _ => "antwoord gegeven",
        },
        QuestionChange.FollowUpAsked => "Vervolgvraag gesteld",
        QuestionChange.Closed => "Consultatie afgesloten",
        QuestionChange.Withdrawn => "Consultatievraag ingetrokken",
        QuestionChange.Late => "Antwoord later dan beloofd",
        _ => s.Change.ToString(),
    }, $"/consultaties/{s.QuestionId}");

    private static TimelineStep? Of(object data, Guid followUpId) => data switch
    {
        FollowUpStarted e => new(e.StartedAt, "Opvolging",
            (e.Source == FollowUpSource.BackReferral ? "Opvolgplan gestart na terugverwijzing" : "Aangemeld voor opvolging") + $": {e.Drug}, vanaf {e.TreatmentStart:d-M-yyyy}",
            $"/opvolging/{followUpId}"),
        CheckRecorded e => new(e.RecordedAt, "Opvolging",
            "Controle vastgelegd" + (e.Findings.StillTakingMedication ? "" : ": gebruikt de medicatie niet meer"), $"/opvolging/{followUpId}"),
        DexaRepeated e => new(e.RecordedAt, "Opvolging", $"Herhaal-DEXA gemaakt op {e.On:d-M-yyyy}", $"/opvolging/{followUpId}"),
        ReReferralProposed e => new(e.ProposedAt, "Opvolging",
            "Terugverwijzen voorgesteld: " + string.Join("; ", e.Reasons.Select(r => r.Reason)), $"/opvolging/{followUpId}"),
        _ => null,
    };

    private static string Pool(Specialty specialty) => specialty == Specialty.Rheumatology ? "reumatologie" : "interne geneeskunde";
}

public static class GetPatientTimelineEndpoint
{
    public const string NotFound = "Deze patiënt heeft bij uw praktijk geen tijdlijn, of u mag haar niet zien.";

    /// <summary>The practice's timeline of one patient, by her pseudonymous reference (never a BSN in a URL).</summary>
    [WolverineGet("/api/patients/{patientRef}/timeline"), Tags("Verwijzen")]
    [Authorize(Policy = SchakelPolicies.GpSide)]
    [EndpointSummary("One patient's timeline at your practice across consultation, referral, back-referral, follow-up and falls prevention (by pseudonymous reference)")]
    public static async Task<Results<Ok<IReadOnlyList<TimelineStep>>, ProblemHttpResult>> Get(
        string patientRef, HttpContext http, IQuerySession session, IAccessLog accessLog, CancellationToken ct)
    {
        var user = CareUser.From(http.User)!;
        if (!PatientPseudonyms.IsPseudonym(patientRef))
        {
            return TypedResults.Problem(Problem.NotFound(NotFound));
        }

        var steps = await PatientTimeline.ForAsync(user.OrganisationId, patientRef, session, ct).ConfigureAwait(false);
        await accessLog.RecordAsync(new PatientDataAccess(AccessAction.Read, patientRef, "referral.patient-timeline", null,
            steps.Count == 0 ? AccessOutcome.Denied : AccessOutcome.Allowed), ct).ConfigureAwait(false);
        return steps.Count == 0 ? TypedResults.Problem(Problem.NotFound(NotFound)) : TypedResults.Ok(steps);
    }
}
