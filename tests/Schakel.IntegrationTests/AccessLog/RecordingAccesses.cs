using System.Transactions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Audit;
using Schakel.Testing;

namespace Schakel.IntegrationTests.AccessLog;

/// <summary>NEN 7513: who (and on whose responsibility), when, what, which patient, and from where.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class RecordingAccesses(IntegrationApp app)
{
    private static readonly Guid Practice = Guid.CreateVersion7();

    [Fact]
    public async Task an_access_by_a_practice_nurse_is_written_with_her_gp_as_responsible_and_where_it_came_from()
    {
        var gp = TestUsers.Gp(Practice);
        var nurse = TestUsers.PracticeNurse(gp);
        var patient = TestPatients.NewReference();
        var at = new DateTimeOffset(2026, 11, 24, 9, 30, 15, TimeSpan.FromHours(1));

        await app.WriterFor(nurse, at, ip: "::ffff:192.0.2.33").RecordAsync(
            new PatientDataAccess(AccessAction.Read, patient, "consultation.question", "q-42"));

        var stored = Assert.Single(await app.StoredForPatientAsync(patient));
        Assert.Equal(
            new StoredAccess(stored.Id, new DateTime(2026, 11, 24, 8, 30, 15, DateTimeKind.Utc), "Read", patient, "consultation.question", "q-42",
                "Allowed", nurse.UserId.ToString(), "M. Jansen", gp.UserId.ToString(), "Dr. A. de Vries",
                Practice, "Huisartsenpraktijk De Linde", null, "192.0.2.33", AccessLogTesting.Browser,
                "GET /api/consultation/questions/{id}"),
            stored);
        Assert.Equal(DateTimeKind.Utc, stored.OccurredAt.Kind);
    }

    [Fact]
    public async Task an_integration_client_is_written_with_its_client_id()
    {
        var his = TestUsers.GpInformationSystem(Practice, clientId: "his-de-linde");
        var patient = TestPatients.NewReference();

        await app.RecordAsync(his, DateTimeOffset.UtcNow, patient, AccessAction.Export);

        var stored = Assert.Single(await app.StoredForPatientAsync(patient));
        Assert.Equal(("his-de-linde", "Export", his.UserId.ToString()), (stored.ClientId, stored.Action, stored.UserId));
    }

    [Fact]
    public async Task outside_a_request_the_system_is_the_actor()
    {
        var patient = TestPatients.NewReference();

        await app.RecordAsync(user: null, DateTimeOffset.UtcNow, patient);

        var stored = Assert.Single(await app.StoredForPatientAsync(patient));
        Assert.Equal(("system", "system", null, null), (stored.UserId, stored.UserName, stored.IpAddress, stored.OrganisationId));
    }

    [Fact]
    public async Task a_denied_attempt_is_written_with_its_outcome()
    {
        var patient = TestPatients.NewReference();

        await app.WriterFor(TestUsers.Gp(Practice), DateTimeOffset.UtcNow).RecordAsync(
            new PatientDataAccess(AccessAction.Read, patient, "referral.back_referral", Outcome: AccessOutcome.Denied));

        Assert.Equal("Denied", Assert.Single(await app.StoredForPatientAsync(patient)).Outcome);
    }

    [Fact]
    public async Task a_list_writes_one_search_per_distinct_patient_together_with_one_actor_and_moment()
    {
        var at = DateTimeOffset.UtcNow;
        var (first, second) = (TestPatients.NewReference(), TestPatients.NewReference());

        await app.WriterFor(TestUsers.Gp(Practice), at).RecordListAsync([first, second, first], "consultation.question-list");

        var written = (await app.StoredForPatientAsync(first)).Concat(await app.StoredForPatientAsync(second)).ToList();
        Assert.Equal(2, written.Count);
        Assert.All(written, w => Assert.Equal("Search", w.Action));
        Assert.Single(written.Select(w => (w.UserId, w.OccurredAt)).Distinct());
    }

    [Fact]
    public async Task a_list_with_one_bsn_in_it_is_refused_whole_and_nothing_is_written()
    {
        var patient = TestPatients.NewReference();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            app.WriterFor(TestUsers.Gp(Practice), DateTimeOffset.UtcNow).RecordListAsync([patient, "123456782"], "consultation.question-list"));

        Assert.Empty(await app.StoredForPatientAsync(patient));
    }

    [Theory]
    [InlineData("123456782")]
    [InlineData("123.456.782")]
    [InlineData("bsn 123456782")]
    public async Task a_bsn_as_patient_reference_is_refused_and_nothing_is_written(string bsn)
    {
        var log = app.WriterFor(TestUsers.Gp(Practice), DateTimeOffset.UtcNow);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            log.RecordAsync(new PatientDataAccess(AccessAction.Read, bsn, "consultation.question")));

        Assert.DoesNotContain("456", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await app.StoredForPatientAsync(bsn));
    }

    [Fact]
    public async Task a_nine_digit_reference_that_fails_the_eleven_proof_is_accepted()
    {
        const string notABsn = "123456789";
        var before = (await app.StoredForPatientAsync(notABsn)).Count;

        await app.RecordAsync(TestUsers.Gp(Practice), DateTimeOffset.UtcNow, notABsn);

        Assert.Equal(before + 1, (await app.StoredForPatientAsync(notABsn)).Count);
    }

    [Fact]
    public async Task an_entry_stays_written_when_the_surrounding_transaction_rolls_back()
    {
        var patient = TestPatients.NewReference();

        using (new TransactionScope(TransactionScopeAsyncFlowOption.Enabled))
        {
            await app.RecordAsync(TestUsers.Gp(Practice), DateTimeOffset.UtcNow, patient, AccessAction.Change);
            // Not completed: the scope rolls back whatever enlisted in it.
        }

        Assert.Single(await app.StoredForPatientAsync(patient));
    }

    [Fact]
    public async Task an_access_that_cannot_be_logged_fails_the_caller_and_the_error_log_holds_no_patient_data()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = "schakel_no_such_database" }.ConnectionString;
        await using var database = AccessLogDatabase.For(unreachable);
        var logger = new RecordingLogger<PostgresAccessLog>();
        var log = new PostgresAccessLog(database, new HttpContextAccessor(), new FakeTimeProvider(), logger);
        var patient = TestPatients.NewReference();

        await Assert.ThrowsAnyAsync<NpgsqlException>(() =>
            log.RecordAsync(new PatientDataAccess(AccessAction.Read, patient, "consultation.question", "q-7")));

        var error = Assert.Single(logger.Messages, m => m.Level == LogLevel.Error);
        Assert.Contains("consultation.question", error.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(patient, error.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("q-7", error.Text, StringComparison.Ordinal);
    }

    private sealed class RecordingLogger<T> : ILogger<T>
    {
        public List<(LogLevel Level, string Text)> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add((logLevel, formatter(state, exception)));
    }
}
