using System.Diagnostics;
using Marten;
using Schakel.Consultation.Contracts;
using Schakel.Indicators.Figures;
using Schakel.Indicators.Records;
using Schakel.Referral.Contracts;
using Schakel.SocialMap.Contracts;

namespace Schakel.Benchmarks;

/// <summary>
/// How long the dashboard takes for a region's year: a generated set of records (a few thousand
/// questions, referrals, follow-ups with their checks, falls-prevention referrals and locations over
/// some tens of practices) stored as the module's documents; then loading them, and computing the
/// region's report and a practice's (with the regional median), timed over repeated runs.
/// </summary>
internal sealed class IndicatorsBenchmark(IDocumentStore store, TextWriter output)
{
    public sealed record Options(int Practices, int Questions, int Repeats);

    public async Task<IReadOnlyList<Figures>> RunAsync(Options options, CancellationToken ct)
    {
        var now = new DateTimeOffset(2027, 6, 30, 12, 0, 0, TimeSpan.FromHours(2));
        var data = Generate(options, now);
        output.WriteLine($"Storing {data.Consultations.Count} questions, {data.Referrals.Count} referrals, {data.FollowUps.Count} follow-ups "
            + $"({data.FollowUps.Sum(f => f.Checks.Count)} checks), {data.FallsPrevention.Count} falls-prevention referrals, {data.Directory.Count} locations");
        await store.Advanced.Clean.DeleteAllDocumentsAsync(ct);
        await using (var session = store.LightweightSession())
        {
            session.Store(data.Consultations.ToArray());
            session.Store(data.Referrals.ToArray());
            session.Store(data.FollowUps.ToArray());
            session.Store(data.FallsPrevention.ToArray());
            session.Store(data.Directory.ToArray());
            await session.SaveChangesAsync(ct);
        }

        var load = new Figures("load all records (PostgreSQL + deserialise)");
        var region = new Figures("report: region, month, 29 figures + 12-month series");
        var practice = new Figures("report: one practice + regional median");
        var period = Period.Containing(PeriodKind.Month, now.AddMonths(-1));
        var owner = data.Consultations[0].PracticeId;
        for (var i = 0; i < options.Repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            IndicatorData loaded;
            await using (var session = store.QuerySession())
            {
                loaded = await Dashboard.LoadAsync(session, ct);
            }

            load.Record(Stopwatch.GetElapsedTime(started));
            started = Stopwatch.GetTimestamp();
            Dashboard.Report(loaded, period, IndicatorScope.Region, new Viewer(Guid.Empty, false, true), now);
            region.Record(Stopwatch.GetElapsedTime(started));
            started = Stopwatch.GetTimestamp();
            Dashboard.Report(loaded, period, new IndicatorScope(null, null, owner), new Viewer(owner, true, false), now);
            practice.Record(Stopwatch.GetElapsedTime(started));
        }

        return [load, region, practice];
    }

    private static IndicatorData Generate(Options options, DateTimeOffset now)
    {
        var random = new Random(8);
        var practices = Enumerable.Range(0, options.Practices).Select(_ => Guid.CreateVersion7()).ToArray();
        var hospitals = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        DateTimeOffset InTheYear() => now.AddMinutes(-random.Next(365 * 24 * 60));
        string[] outcomes = ["AdviceOnly", "FurtherDiagnostics", "ReferralAdvised", "NoActionNeeded"];

        var consultations = Enumerable.Range(0, options.Questions).Select(i =>
        {
            var posted = InTheYear();
            var hours = random.Next(1, 120);
            var answered = posted.AddHours(hours * 1.4);
            var closed = random.Next(3) > 0;
            return new ConsultationRecord(Guid.CreateVersion7(), practices[random.Next(practices.Length)], hospitals[random.Next(2)], "Ziekenhuis",
                random.Next(2) == 0 ? Specialty.InternalMedicine : Specialty.Rheumatology, $"p{i}", Guid.CreateVersion7(), false, posted,
                random.Next(2) == 0 ? "Yes" : "No", answered, hours, posted.AddDays(2), answered, outcomes[random.Next(4)], null, null,
                closed ? answered.AddHours(5) : null, closed ? random.Next(2) == 0 : null, closed ? random.Next(1, 6) : null);
        }).ToList();

        var referrals = Enumerable.Range(0, options.Questions * 2 / 5).Select(_ =>
        {
            var made = InTheYear();
            var noResponse = random.Next(3) == 0;
            return new HospitalReferralRecord(Guid.CreateVersion7(), practices[random.Next(practices.Length)], hospitals[random.Next(2)],
                ReferralTargetKind.FractureLiaisonService, (PatientGroup)random.Next(1, 6), made, made.AddDays(2), null,
                noResponse ? made.AddDays(30) : null, noResponse && random.Next(2) == 0 ? made.AddDays(33) : null, noResponse ? null : made.AddDays(60));
        }).ToList();

        var followUps = Enumerable.Range(0, options.Questions / 2).Select(i =>
        {
            var start = DateOnly.FromDateTime(now.AddDays(-random.Next(6 * 365)).DateTime);
            int[] months = [1, 3, 6, 12, 18, 24, 36, 48, 60];
            var checks = months.Select(m =>
            {
                var due = start.AddMonths(m);
                var recorded = due < DateOnly.FromDateTime(now.DateTime) && random.Next(5) > 0
                    ? new DateTimeOffset(due.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromHours(10))), TimeSpan.FromHours(1)).AddDays(random.Next(-5, 40))
                    : (DateTimeOffset?)null;
                return new FollowUpCheck(Guid.CreateVersion7(), m == 60 ? FollowUpCheckKind.Evaluation : FollowUpCheckKind.AdherenceCheck, m, due, m == 60,
                    recorded, recorded is null ? null : random.Next(4) > 0, null);
            }).ToList();
            return new FollowUpRecord(Guid.CreateVersion7(), practices[random.Next(practices.Length)], hospitals[random.Next(2)], $"f{i}",
                (PatientGroup)random.Next(1, 6), random.Next(2) == 0, OsteoporosisDrugClass.Bisphosphonate, start,
                new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(1)), checks);
        }).ToList();

        var fallsPrevention = Enumerable.Range(0, options.Questions / 6).Select(i =>
        {
            var referred = InTheYear();
            return new FallsPreventionRecord(Guid.CreateVersion7(), practices[random.Next(practices.Length)], Guid.CreateVersion7(), $"v{i}", referred,
                random.Next(2) == 0 ? referred.AddDays(10) : null, null);
        }).ToList();

        string[] municipalities = ["Tilburg", "Waalwijk", "Dongen", "Oisterwijk", "Goirle", "Hilvarenbeek", "Loon op Zand", "Gilze en Rijen"];
        var directory = Enumerable.Range(0, 400).Select(_ =>
        {
            var listed = now.AddDays(-random.Next(3 * 365));
            return new DirectoryEntryRecord(Guid.CreateVersion7(), municipalities[random.Next(municipalities.Length)],
                [(TherapistDiscipline)random.Next(3)], listed, null, listed, [listed, listed.AddDays(random.Next(0, 400))]);
        }).ToList();

        return new IndicatorData(consultations, referrals, followUps, fallsPrevention, directory);
    }
}
