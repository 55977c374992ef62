using Schakel.Consultation.Contracts;

namespace Schakel.Indicators.Records;

/// <summary>
/// One consultation question as the indicators count it, folded from the steps the Consultation
/// module published. The fold does not depend on the order the steps arrive in (the first answer
/// is the earliest, the outcome is the latest answer's), and the same step twice changes nothing.
/// </summary>
public sealed record ConsultationRecord(
    Guid Id,
    Guid PracticeId,
    Guid? HospitalId,
    string HospitalName,
    Specialty Specialty,
    string PatientReference,
    Guid? PostedById,
    bool Urgent,
    DateTimeOffset? PostedAt,
    string? WouldReferWithout,
    DateTimeOffset? FirstAnsweredAt,
    double? FirstAnswerWorkingHours,
    DateTimeOffset? FirstAnswerDueAt,
    DateTimeOffset? LatestAnsweredAt,
    string? Outcome,
    DateTimeOffset? LateAt,
    DateTimeOffset? WithdrawnAt,
    DateTimeOffset? ClosedAt,
    bool? AvoidedReferral,
    int? Usefulness)
{
    /// <summary>The first answer came at or before the moment it was due (clarification pauses move that moment).</summary>
    public bool? AnsweredWithinPromise => FirstAnsweredAt is { } answered && FirstAnswerDueAt is { } due ? answered <= due : null;

    public static ConsultationRecord Fold(ConsultationRecord? record, ConsultationStepTakenIntegrationEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var r = record ?? new ConsultationRecord(
            e.QuestionId, e.PracticeId, e.HospitalId, e.HospitalName, e.Specialty, e.PatientReference, e.PostedById, e.Urgent ?? false,
            null, null, null, null, null, null, null, null, null, null, null, null);
        r = r with
        {
            HospitalId = r.HospitalId ?? e.HospitalId,
            PostedById = r.PostedById ?? e.PostedById,
            Urgent = e.Urgent ?? r.Urgent,
        };
        return e.Change switch
        {
            QuestionChange.Posted => r with { PostedAt = Moments.Earliest(r.PostedAt, e.At), WouldReferWithout = e.WouldReferWithout ?? r.WouldReferWithout },
            QuestionChange.Answered => Answered(r, e),
            QuestionChange.Late => r with { LateAt = Moments.Earliest(r.LateAt, e.At) },
            QuestionChange.Withdrawn => r with { WithdrawnAt = Moments.Earliest(r.WithdrawnAt, e.At) },
            QuestionChange.Closed => r.ClosedAt is { } closed && closed <= e.At
                ? r
                : r with { ClosedAt = e.At, AvoidedReferral = e.AvoidedReferral, Usefulness = e.Usefulness },
            _ => r,
        };
    }

    private static ConsultationRecord Answered(ConsultationRecord r, ConsultationStepTakenIntegrationEvent e)
    {
        if (r.FirstAnsweredAt is null || e.At < r.FirstAnsweredAt)
        {
            r = r with { FirstAnsweredAt = e.At, FirstAnswerWorkingHours = e.WorkingHoursToAnswer, FirstAnswerDueAt = e.DueAt };
        }

        return r.LatestAnsweredAt is { } latest && latest >= e.At ? r : r with { LatestAnsweredAt = e.At, Outcome = e.Outcome };
    }
}
