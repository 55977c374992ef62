using Schakel.Referral.Contracts;

namespace Schakel.Indicators.Records;

/// <summary>One task of a follow-up plan and, once recorded, what the practice found.</summary>
public sealed record FollowUpCheck(
    Guid TaskId,
    FollowUpCheckKind Kind,
    int MonthsAfterStart,
    DateOnly Due,
    bool RepeatDexa,
    DateTimeOffset? RecordedAt,
    bool? StillTakingMedication,
    DateOnly? DexaRepeatedOn);

/// <summary>
/// One patient's follow-up in the practice as the indicators count it. A check heard before the
/// start (messages may overtake each other) is kept and merged into the plan when the start arrives.
/// </summary>
public sealed record FollowUpRecord(
    Guid Id,
    Guid PracticeId,
    Guid? HospitalId,
    string? PatientReference,
    PatientGroup? Group,
    bool FromBackReferral,
    OsteoporosisDrugClass? DrugClass,
    DateOnly? TreatmentStart,
    DateTimeOffset? StartedAt,
    IReadOnlyList<FollowUpCheck> Checks)
{
    public static FollowUpRecord Fold(FollowUpRecord? record, object e) => e switch
    {
        FollowUpStartedIntegrationEvent started => Started(record, started),
        FollowUpCheckRecordedIntegrationEvent check => Recorded(record, check),
        _ => record ?? throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not a follow-up fact."),
    };

    private static FollowUpRecord Started(FollowUpRecord? record, FollowUpStartedIntegrationEvent e)
    {
        var recorded = (record?.Checks ?? []).Where(c => c.RecordedAt is not null).ToDictionary(c => c.TaskId);
        var checks = e.Checks
            .Select(p => recorded.TryGetValue(p.TaskId, out var done)
                ? done with { Kind = p.Kind, MonthsAfterStart = p.MonthsAfterStart, Due = p.Due, RepeatDexa = p.RepeatDexa }
                : new FollowUpCheck(p.TaskId, p.Kind, p.MonthsAfterStart, p.Due, p.RepeatDexa, null, null, null))
            .Concat(recorded.Values.Where(c => e.Checks.All(p => p.TaskId != c.TaskId)))
            .OrderBy(c => c.Due)
            .ToList();
        return new FollowUpRecord(
            e.FollowUpId, e.PracticeId, e.HospitalId, e.PatientReference, e.Group, e.ReferralId is not null, e.DrugClass, e.TreatmentStart, e.StartedAt, checks);
    }

    private static FollowUpRecord Recorded(FollowUpRecord? record, FollowUpCheckRecordedIntegrationEvent e)
    {
        var r = record ?? new FollowUpRecord(e.FollowUpId, e.PracticeId, null, null, null, false, null, null, null, []);
        var known = r.Checks.FirstOrDefault(c => c.TaskId == e.TaskId);
        if (known?.RecordedAt is not null)
        {
            return r;
        }

        var check = (known ?? new FollowUpCheck(e.TaskId, e.Kind, e.MonthsAfterStart, e.Due, false, null, null, null))
            with { RecordedAt = e.RecordedAt, StillTakingMedication = e.StillTakingMedication, DexaRepeatedOn = e.DexaRepeatedOn };
        return r with { Checks = [.. r.Checks.Where(c => c.TaskId != e.TaskId).Append(check).OrderBy(c => c.Due)] };
    }
}
