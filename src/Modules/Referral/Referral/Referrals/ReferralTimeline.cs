using Marten;

namespace Schakel.Referral.Referrals;

/// <summary>One step in a referral's history: its event stream, read for people.</summary>
public sealed record ReferralStep(long Version, DateTimeOffset At, string Kind, string Who, string? Text);

public static class ReferralTimeline
{
    public static async Task<IReadOnlyList<ReferralStep>> LoadAsync(IQuerySession session, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var events = await session.Events.FetchStreamAsync(id, token: ct).ConfigureAwait(false);
        return events.Select(e => Step(e.Version, e.Data)).OfType<ReferralStep>().ToList();
    }

    public static ReferralStep? Step(long version, object data) => data switch
    {
        ReferralMade e => new(version, e.MadeAt, "made", e.MadeByName, null),
        ReferralAccepted e => new(version, e.AcceptedAt, "accepted", e.ByName, null),
        ReferralDeclined e => new(version, e.DeclinedAt, "declined", e.ByName, e.Reason),
        InvitationSent e => new(version, e.SentAt, "invitation-sent", e.ByName, $"{e.Number}: {e.Channel}"),
        AppointmentScheduled e => new(version, e.ScheduledAt, "appointment-scheduled", e.ByName, e.Where),
        PatientDidNotRespond e => new(version, e.RecordedAt, "no-response", e.ByName, null),
        ReferralCompleted e => new(version, e.CompletedAt, "completed", e.ByName, e.Summary),
        PatientReferredBack e => new(version, e.ReferredBackAt, "referred-back", e.ByName, $"{e.Drug} {e.Dose}".Trim() + $", gestart {e.TreatmentStart:d-M-yyyy}"),
        PatientContactRecorded e => new(version, e.RecordedAt, "patient-contacted", e.ByName,
            Schakel.Referral.Pages.Referrals.ReferralWords.Of(e.Outcome) + (e.Note is null ? "" : ": " + e.Note)),
        _ => null,
    };
}
