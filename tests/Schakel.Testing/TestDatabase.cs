using Npgsql;

namespace Schakel.Testing;

/// <summary>
/// The PostgreSQL that ./test.sh started. Each test assembly gets its own database on it, so
/// assemblies that run in parallel never reset each other's data.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "SCHAKEL_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with ./test.sh, which starts a throw-away PostgreSQL, " +
                "or point the variable at a PostgreSQL database whose role may create databases.");

    /// <summary>Creates (once) and returns a connection string for the database <c>{base}_{suffix}</c>.</summary>
    public static async Task<string> ForAsync(string suffix)
    {
        var baseline = new NpgsqlConnectionStringBuilder(ConnectionString);
        var name = $"{baseline.Database}_{suffix}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(baseline.ConnectionString))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
            exists.Parameters.AddWithValue("name", name);
            if (await exists.ExecuteScalarAsync() is null)
            {
                // The name comes from test code, never from input; identifiers cannot be parameters.
                await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        return new NpgsqlConnectionStringBuilder(baseline.ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database that <see cref="ForAsync"/> made for one test, closing its pooled connections first.</summary>
    /// <remarks>
    /// "with (force)" ends the sessions it finds, but a host that has just been disposed can still be
    /// opening one (PostgreSQL then answers 55006, object in use): try again a few times.
    /// </remarks>
    public static async Task DropAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
            }
        }
    }
}
