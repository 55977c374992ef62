using Npgsql;

namespace Schakel.Host.Audit;

/// <summary>
/// The access log's own connections, apart from Marten's sessions and never enlisted in an
/// ambient transaction: an entry stays written when the request that caused it rolls back.
/// </summary>
public sealed class AccessLogDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable, IDisposable
{
    public const string Table = "audit.access_log";

    public NpgsqlDataSource DataSource { get; } = dataSource;

    public static AccessLogDatabase For(string connectionString) =>
        new(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Enlist = false,
            ApplicationName = "schakel-access-log",
        }.ConnectionString));

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
