using Schakel.Consultation.Contracts;
using Schakel.Indicators.Records;

namespace Schakel.Indicators.Figures;

/// <summary>Whose figures: the region, one hospital (optionally one of its pools), or one GP practice.</summary>
public sealed record IndicatorScope(Guid? HospitalId, Specialty? Specialty, Guid? PracticeId)
{
    public static readonly IndicatorScope Region = new(null, null, null);

    public bool IsRegion => HospitalId is null && PracticeId is null;
}

/// <summary>The records the figures are computed from; <see cref="For"/> narrows them to a scope.</summary>
public sealed record IndicatorData(
    IReadOnlyList<ConsultationRecord> Consultations,
    IReadOnlyList<HospitalReferralRecord> Referrals,
    IReadOnlyList<FollowUpRecord> FollowUps,
    IReadOnlyList<FallsPreventionRecord> FallsPrevention,
    IReadOnlyList<DirectoryEntryRecord> Directory)
{
    public static readonly IndicatorData None = new([], [], [], [], []);

    /// <summary>
    /// A hospital scope keeps the questions to that hospital (and pool), the referrals to it and the
    /// follow-ups under its agreements; falls prevention is not a hospital's, so it is left out. A
    /// practice scope keeps that practice's records. The social map is the region's in every scope.
    /// </summary>
    public IndicatorData For(IndicatorScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var data = this;
        if (scope.HospitalId is { } hospital)
        {
            data = data with
            {
                Consultations = [.. data.Consultations.Where(c => c.HospitalId == hospital && (scope.Specialty is null || c.Specialty == scope.Specialty))],
                Referrals = [.. data.Referrals.Where(r => r.HospitalId == hospital)],
                FollowUps = [.. data.FollowUps.Where(f => f.HospitalId == hospital)],
                FallsPrevention = [],
            };
        }

        if (scope.PracticeId is { } practice)
        {
            data = data with
            {
                Consultations = [.. data.Consultations.Where(c => c.PracticeId == practice)],
                Referrals = [.. data.Referrals.Where(r => r.PracticeId == practice)],
                FollowUps = [.. data.FollowUps.Where(f => f.PracticeId == practice)],
                FallsPrevention = [.. data.FallsPrevention.Where(f => f.PracticeId == practice)],
            };
        }

        return data;
    }

    /// <summary>The practices that appear in the practice-level records.</summary>
    public IReadOnlySet<Guid> Practices() =>
        Consultations.Select(c => c.PracticeId).Concat(Referrals.Select(r => r.PracticeId)).Concat(FollowUps.Select(f => f.PracticeId))
            .Concat(FallsPrevention.Select(f => f.PracticeId)).ToHashSet();
}
