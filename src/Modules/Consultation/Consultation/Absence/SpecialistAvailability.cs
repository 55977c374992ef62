using Marten;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.ResponsePromise;

namespace Schakel.Consultation.Absence;

/// <summary>A specialist marked herself absent from <see cref="From"/>, up to and including <see cref="Until"/> (Amsterdam date), or until she ends it.</summary>
public sealed record AbsenceMarked(Guid SpecialistId, string Name, Guid HospitalId, SpecialtyPool Pool, DateTimeOffset From, DateOnly? Until);

/// <summary>The specialist is back before her last day (or had no last day).</summary>
public sealed record AbsenceEnded(Guid SpecialistId, DateTimeOffset At);

/// <summary>
/// Whether a specialist is away, rebuilt from her absence stream (stream id = her user id); an
/// inline snapshot, so a claim, a hand-over and the assignment read it at once.
/// </summary>
public sealed record SpecialistAvailability(Guid Id, string Name, Guid HospitalId, SpecialtyPool Pool, bool Marked, DateTimeOffset? AbsentFrom, DateOnly? AbsentUntil)
{
    public static SpecialistAvailability? Fold(SpecialistAvailability? current, object e) => e switch
    {
        // Marking again (another last day) keeps when the absence began.
        AbsenceMarked m => new(m.SpecialistId, m.Name, m.HospitalId, m.Pool, true, current is { Marked: true } ? current.AbsentFrom : m.From, m.Until),
        AbsenceEnded when current is not null => current with { Marked = false, AbsentFrom = null, AbsentUntil = null },
        _ => current,
    };

    /// <summary>Absent: marked, and her last day (in Amsterdam) is not yet behind her.</summary>
    public bool IsAbsentAt(DateTimeOffset now) => Marked && (AbsentUntil is null || TodayAt(now) <= AbsentUntil);

    /// <summary>The calendar day in Amsterdam at a moment: absence days are the Dutch days the specialist means.</summary>
    public static DateOnly TodayAt(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, WorkingDayCalendar.Amsterdam).DateTime);

    public static async Task<bool> IsAbsentAsync(IQuerySession session, Guid specialistId, DateTimeOffset now, CancellationToken ct) =>
        await session.LoadAsync<SpecialistAvailability>(specialistId, ct).ConfigureAwait(false) is { } availability && availability.IsAbsentAt(now);

    /// <summary>Who of a set of specialists is absent now.</summary>
    public static async Task<IReadOnlySet<Guid>> AbsentAmongAsync(IQuerySession session, IEnumerable<Guid> specialistIds, DateTimeOffset now, CancellationToken ct)
    {
        var ids = specialistIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            return new HashSet<Guid>();
        }

        var known = await session.LoadManyAsync<SpecialistAvailability>(ct, ids).ConfigureAwait(false);
        return known.Where(a => a.IsAbsentAt(now)).Select(a => a.Id).ToHashSet();
    }

    /// <summary>The people of a pool who are absent now, for the pool's inbox.</summary>
    public static async Task<IReadOnlyList<SpecialistAvailability>> AbsentInPoolAsync(IQuerySession session, Guid hospitalId, SpecialtyPool pool, DateTimeOffset now, CancellationToken ct)
    {
        var marked = await session.Query<SpecialistAvailability>()
            .Where(a => a.HospitalId == hospitalId && a.Pool == pool && a.Marked)
            .ToListAsync(ct).ConfigureAwait(false);
        return marked.Where(a => a.IsAbsentAt(now)).OrderBy(a => a.Name, StringComparer.CurrentCulture).ToList();
    }
}

/// <summary>Marten's inline snapshot of a specialist's absence stream, evolved by <see cref="SpecialistAvailability.Fold"/>.</summary>
public sealed class SpecialistAvailabilityProjection : Marten.Events.Aggregation.SingleStreamProjection<SpecialistAvailability, Guid>
{
    public override SpecialistAvailability? Evolve(SpecialistAvailability? snapshot, Guid id, JasperFx.Events.IEvent e) => SpecialistAvailability.Fold(snapshot, e.Data);
}
