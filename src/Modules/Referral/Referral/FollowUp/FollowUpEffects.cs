using Schakel.Referral.Contracts;

namespace Schakel.Referral.FollowUp;

/// <summary>
/// The contract messages a follow-up's events become, the same whoever caused them (a back-referral,
/// an enrolment, a check from the API or the portal). The slices publish them through the outbox
/// of the transaction that stores the events (docs/modules.md).
/// </summary>
public static class FollowUpEffects
{
    /// <summary>The follow-up as started, with its dated plan and the class of its drug.</summary>
    public static FollowUpStartedIntegrationEvent Started(FollowUpStarted e, Guid hospitalId)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(
            e.FollowUpId, e.PracticeId, e.ResponsibleGpId, e.PatientReference, e.Group, e.ReferralId, OsteoporosisDrugs.ClassOf(e.Drug), e.TreatmentStart,
            [.. e.Tasks.Select(t => new FollowUpCheckPlanned(t.Id, (FollowUpCheckKind)(int)t.Kind, t.MonthsAfterStart, t.Due, t.RepeatDexa))],
            e.StartedAt, hospitalId);
    }

    /// <summary>The messages for the events one check appended: one per recorded check, with the repeat DEXA recorded with it.</summary>
    public static IReadOnlyList<FollowUpCheckRecordedIntegrationEvent> Recorded(PatientFollowUp followUp, IEnumerable<object> events)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        ArgumentNullException.ThrowIfNull(events);
        var appended = events.ToList();
        return appended.OfType<CheckRecorded>().Select(c =>
        {
            var task = followUp.Tasks.Single(t => t.Id == c.TaskId);
            var dexa = appended.OfType<DexaRepeated>().FirstOrDefault(d => d.TaskId == c.TaskId);
            return new FollowUpCheckRecordedIntegrationEvent(
                followUp.Id, task.Id, followUp.PracticeId, (FollowUpCheckKind)(int)task.Kind, task.MonthsAfterStart, task.Due,
                c.Findings.StillTakingMedication, c.Findings.NewFracture, dexa?.On, c.RecordedAt);
        }).ToList();
    }
}
