using Schakel.Consultation.Contracts;
using Schakel.Consultation.Escalation;
using Schakel.Consultation.ResponsePromise;
using Wolverine;

namespace Schakel.Consultation.Questions;

/// <summary>
/// What follows from a stored change, the same whoever made it (the API, the portal, an escalation
/// check): new escalation checkpoints when the due moment moved, a look for a holder when the
/// question came into the pool, and the messages the rest of the product hears. Sent through
/// Wolverine's outbox, so they leave only once the change is stored.
/// </summary>
public static class QuestionEffects
{
    public static async Task SendAsync(IMessageBus bus, Question? before, object change, Question after, WorkingDayCalendar calendar, DateTimeOffset now)
    {
        if (after.AwaitsAnswer && after.Status != QuestionStatus.AwaitingClarification && after.DueAt != before?.DueAt)
        {
            // The old checkpoints find a different due moment and do nothing.
            await Escalations.ScheduleAsync(bus, after, calendar).ConfigureAwait(false);
        }

        if (after.InPool && (before is not { InPool: true } || change is ClarificationGiven))
        {
            // Posted, returned, reopened, or open again after the GP's reply: a named specialist or the pool's automatic assignment may take it.
            await bus.SendAsync(new Schakel.Consultation.Assignment.AssignQuestion(after.Id)).ConfigureAwait(false);
        }

        foreach (var message in Messages(before, change, after, now, calendar))
        {
            await bus.PublishAsync(message).ConfigureAwait(false);
        }
    }

    /// <summary>The integration messages for one change: always what changed, and a ready referral when one was advised.</summary>
    public static IEnumerable<object> Messages(Question? before, object change, Question after, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var kind = Kind(change);
        if (kind is not null)
        {
            yield return new QuestionChangedIntegrationEvent(
                after.Id, kind.Value, after.PracticeId, after.ResponsibleGpId, after.PostedById, after.HospitalId, SpecialtyOf(after.Pool),
                after.ClaimedById, before?.ClaimedById, after.Urgent, after.DueAt, now);
        }

        if (kind is QuestionChange.Posted or QuestionChange.Answered or QuestionChange.FollowUpAsked or QuestionChange.Closed or QuestionChange.Withdrawn or QuestionChange.Late)
        {
            // The step for the practice's timeline of this patient (pseudonymous reference only).
            // With what the regional indicators count: who asked, the promise, and per step its own figures.
            yield return new ConsultationStepTakenIntegrationEvent(
                after.Id, after.PracticeId, after.PatientReference, kind.Value, after.HospitalName, SpecialtyOf(after.Pool),
                kind == QuestionChange.Answered ? after.Outcome?.ToString() : null, now,
                HospitalId: after.HospitalId,
                ResponsibleGpId: after.ResponsibleGpId,
                PostedById: after.PostedById,
                Urgent: after.Urgent,
                DueAt: after.DueAt,
                WouldReferWithout: kind == QuestionChange.Posted ? after.WouldReferWithout.ToString() : null,
                WorkingHoursToAnswer: kind == QuestionChange.Answered ? WorkingHours(calendar.Elapsed(after.PromiseStartedAt, after.Pauses, now)) : null,
                AvoidedReferral: kind == QuestionChange.Closed ? after.AvoidedReferral : null,
                Usefulness: kind == QuestionChange.Closed ? after.Usefulness : null);
        }

        if (change is QuestionAnswered { Outcome: AnswerOutcome.ReferralAdvised } answered)
        {
            yield return new ReferralAdvisedIntegrationEvent(
                after.Id, after.PracticeId, after.ResponsibleGpId, after.HospitalId, after.HospitalName, SpecialtyOf(after.Pool),
                after.PatientReference, answered.SpecialistName, now);
        }
    }

    /// <summary>Working days as hours on working days (a working day counts 24), to the minute.</summary>
    private static double WorkingHours(double workingDays) => Math.Round(workingDays * 24 * 60) / 60;

    public static Specialty SpecialtyOf(Schakel.BuildingBlocks.Access.SpecialtyPool pool) =>
        pool == Schakel.BuildingBlocks.Access.SpecialtyPool.Rheumatology ? Specialty.Rheumatology : Specialty.InternalMedicine;

    private static QuestionChange? Kind(object change) => change switch
    {
        QuestionPosted => QuestionChange.Posted,
        QuestionClaimed => QuestionChange.Claimed,
        QuestionAssigned => QuestionChange.Claimed,
        QuestionHandedOver => QuestionChange.HandedOver,
        QuestionReturnedToPool => QuestionChange.ReturnedToPool,
        FollowUpAsked => QuestionChange.FollowUpAsked,
        ClarificationRequested => QuestionChange.ClarificationRequested,
        ClarificationGiven => QuestionChange.ClarificationGiven,
        MessagePosted => QuestionChange.MessagePosted,
        AttachmentAdded => QuestionChange.AttachmentAdded,
        QuestionAnswered => QuestionChange.Answered,
        QuestionClosed => QuestionChange.Closed,
        QuestionWithdrawn => QuestionChange.Withdrawn,
        EscalationRaised { Level: EscalationLevel.HalfTime } => QuestionChange.ReminderAtHalfTime,
        EscalationRaised { Level: EscalationLevel.FourFifths } => QuestionChange.ReminderAtFourFifths,
        EscalationRaised { Level: EscalationLevel.Deadline } => QuestionChange.Late,
        _ => null,
    };
}
