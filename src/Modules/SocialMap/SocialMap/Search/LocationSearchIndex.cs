using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using Schakel.SocialMap.Directory;

namespace Schakel.SocialMap.Search;

/// <summary>
/// The table GPs search: one row per location on the map, with its position as an earthdistance
/// point under a GiST index and the filterable facts as columns (docs/adr/0015). Kept inline from
/// the entries' events, in the same transaction; a retired location's row is deleted.
/// </summary>
public sealed class LocationSearchIndex : EventProjection
{
    public const string TableName = "location_search";

    public LocationSearchIndex()
    {
        Name = "LocationSearchIndex";
        IncludeType<TherapistLocationListedV1>();
        IncludeType<TherapistLocationListed>();
        IncludeType<TherapistLocationRevised>();
        IncludeType<TherapistLocationVerified>();
        IncludeType<TherapistLocationRetired>();
        SchemaObjects.Add(new Extension("cube"));
        SchemaObjects.Add(new Extension("earthdistance"));
        SchemaObjects.Add(Table(SocialMapModule.Schema));
    }

    public static string QualifiedName => $"{SocialMapModule.Schema}.{TableName}";

    public static Table Table(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn("position", "earth").NotNull();
        table.AddColumn<double>("latitude").NotNull();
        table.AddColumn<double>("longitude").NotNull();
        table.AddColumn("practice_name", "text").NotNull();
        table.AddColumn("disciplines", "text[]").NotNull();
        table.AddColumn("offers", "text[]").NotNull();
        table.AddColumn("funding", "text[]").NotNull();
        table.AddColumn("languages", "text[]").NotNull();
        table.AddColumn<bool>("home_visits").NotNull();
        table.AddColumn<bool>("accepting").NotNull();
        table.AddColumn("waiting_weeks", "integer");
        table.AddColumn("last_verified_at", "timestamptz").NotNull();
        table.AddColumn("summary", "jsonb").NotNull();
        table.Indexes.Add(new IndexDefinition($"ix_{TableName}_position") { Columns = ["position"], Method = IndexMethod.gist });
        return table;
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(e);
        switch (e.Data)
        {
            case TherapistLocationListedV1 v1:
                Upsert(operations, v1.LocationId, v1.Upcast().Details, v1.Upcast().Place, v1.ListedAt);
                break;
            case TherapistLocationListed listed:
                Upsert(operations, listed.LocationId, listed.Details, listed.Place, listed.ListedAt);
                break;
            case TherapistLocationRevised revised:
                Revise(operations, revised);
                break;
            case TherapistLocationVerified verified:
                operations.QueueSqlCommand($"update {QualifiedName} set last_verified_at = ? where id = ?", verified.VerifiedAt.ToUniversalTime(), verified.LocationId);
                break;
            case TherapistLocationRetired retired:
                operations.QueueSqlCommand($"delete from {QualifiedName} where id = ?", retired.LocationId);
                break;
        }

        return ValueTask.CompletedTask;
    }

    private static void Upsert(IDocumentOperations operations, Guid id, LocationDetails details, LocationPlace place, DateTimeOffset verifiedAt) =>
        operations.QueueSqlCommand(
            $"""
            insert into {QualifiedName} (id, position, latitude, longitude, practice_name, disciplines, offers, funding, languages,
                home_visits, accepting, waiting_weeks, last_verified_at, summary)
            values (?, ll_to_earth(?, ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::integer, ?, ?::jsonb)
            on conflict (id) do update set position = excluded.position, latitude = excluded.latitude, longitude = excluded.longitude,
                practice_name = excluded.practice_name, disciplines = excluded.disciplines, offers = excluded.offers, funding = excluded.funding,
                languages = excluded.languages, home_visits = excluded.home_visits, accepting = excluded.accepting,
                waiting_weeks = excluded.waiting_weeks, last_verified_at = excluded.last_verified_at, summary = excluded.summary
            """,
            Row(id, details, place, verifiedAt));

    private static void Revise(IDocumentOperations operations, TherapistLocationRevised revised)
    {
        var row = Row(revised.LocationId, revised.Details, revised.Place, revised.RevisedAt);
        // A coordinator's change keeps the entry's verification date; the provider's own change renews it.
        var verified = revised.By.Source == EntrySource.Provider ? "last_verified_at = ?," : "";
        object[] values = revised.By.Source == EntrySource.Provider
            ? [.. row[1..13], row[13], row[14], row[0]]
            : [.. row[1..13], row[14], row[0]];
        operations.QueueSqlCommand(
            $"""
            update {QualifiedName} set position = ll_to_earth(?, ?), latitude = ?, longitude = ?, practice_name = ?, disciplines = ?, offers = ?,
                funding = ?, languages = ?, home_visits = ?, accepting = ?, waiting_weeks = ?::integer, {verified} summary = ?::jsonb
            where id = ?
            """,
            values);
    }

    /// <summary>id, lat, lon, lat, lon, name, disciplines, offers, funding, languages, home visits, accepting, waiting, verified, summary.</summary>
    private static object[] Row(Guid id, LocationDetails d, LocationPlace place, DateTimeOffset verifiedAt) =>
    [
        id,
        place.Latitude, place.Longitude, place.Latitude, place.Longitude,
        d.PracticeName,
        d.Disciplines.Select(x => x.ToString()).ToArray(),
        d.Offers.Select(x => x.ToString()).ToArray(),
        d.FundingRoutes.Select(x => x.ToString()).ToArray(),
        d.Languages.ToArray(),
        d.HomeVisits,
        d.AcceptingPatients,
        (object?)d.WaitingWeeks ?? DBNull.Value,
        verifiedAt.ToUniversalTime(),
        SearchHitSummary.Serialize(d, place),
    ];
}
