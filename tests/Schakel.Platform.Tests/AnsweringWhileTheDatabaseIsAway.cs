using System.Net.Sockets;
using Npgsql;
using Schakel.Host.Infrastructure;

namespace Schakel.Platform.Tests;

/// <summary>Which failures mean "PostgreSQL is away" (the API's 503 with Retry-After) and which are a real error (500).</summary>
public sealed class AnsweringWhileTheDatabaseIsAway
{
    [Theory]
    [InlineData("57P01")] // admin_shutdown: the backend was terminated (pg_terminate_backend, restart)
    [InlineData("57P02")] // crash_shutdown
    [InlineData("57P03")] // cannot_connect_now: the server is starting up
    [InlineData("08006")] // connection_failure
    [InlineData("53300")] // too_many_connections
    public void a_server_going_or_starting_is_unavailable(string sqlState)
    {
        var wrapped = new InvalidOperationException("Marten or Wolverine wrapping", Postgres(sqlState));

        Assert.True(ErrorHandling.IsDatabaseUnavailable(Postgres(sqlState)));
        Assert.True(ErrorHandling.IsDatabaseUnavailable(wrapped));
    }

    [Theory]
    [InlineData("23505")] // unique_violation: a real conflict
    [InlineData("42P01")] // undefined_table: our bug
    [InlineData("22P02")] // invalid_text_representation
    public void a_refused_statement_is_not_unavailability(string sqlState)
    {
        Assert.False(ErrorHandling.IsDatabaseUnavailable(Postgres(sqlState)));
    }

    [Fact]
    public void no_connection_to_be_had_is_unavailable()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

        Assert.True(ErrorHandling.IsDatabaseUnavailable(refused));
        Assert.True(ErrorHandling.IsDatabaseUnavailable(new AggregateException(refused)));
        Assert.True(ErrorHandling.IsDatabaseUnavailable(new ObjectDisposedException("NpgsqlTransaction")));
    }

    [Fact]
    public void an_ordinary_error_is_not_unavailability()
    {
        Assert.False(ErrorHandling.IsDatabaseUnavailable(new InvalidOperationException("a bug")));
        Assert.False(ErrorHandling.IsDatabaseUnavailable(new NullReferenceException()));
        // The mail server's socket error is not the database's (e-mail keeps its own retries, ADR 8).
        Assert.False(ErrorHandling.IsDatabaseUnavailable(new SocketException((int)SocketError.ConnectionRefused)));
    }

    private static PostgresException Postgres(string sqlState) =>
        new("message", "FATAL", "FATAL", sqlState);
}
