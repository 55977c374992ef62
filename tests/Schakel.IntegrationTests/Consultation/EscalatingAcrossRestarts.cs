using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Escalation;
using Schakel.Consultation.Pools;
using Schakel.Consultation.Questions;
using Schakel.Testing;
using Wolverine;

namespace Schakel.IntegrationTests.Consultation;

/// <summary>
/// The escalation checkpoints with a controlled clock, across a restart and on two nodes: a host
/// posts a question two weeks in the past and stops before any checkpoint runs (its durability
/// agent is off); two fresh hosts on the same database find the checkpoints due, and between them
/// each level is raised once and each person gets each e-mail once. (The checkpoints all come due
/// together here, so they also race on the question's stream: the losers must retry, not dead-letter.)
/// </summary>
public sealed class EscalatingAcrossRestarts : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly SmtpSink _mail = new();
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        // Its own database, fresh each run: scheduled messages left behind would fire in other tests.
        _connectionString = await TestDatabase.ForAsync("restart_" + Guid.NewGuid().ToString("N")[..8]);
        await _mail.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _mail.DisposeAsync();
        await TestDatabase.DropAsync(_connectionString);
    }

    [Fact]
    public async Task checkpoints_scheduled_before_a_restart_fire_once_on_the_hosts_that_come_after()
    {
        var twoWeeksAgo = ShiftedClock.At(DateTimeOffset.UtcNow.AddDays(-14));
        QuestionView question;
        Person internist, nurse, gp;
        await using (var before = await SchakelApp.StartHostAsync(_connectionString, _mail, solo: true, configureServices: services =>
        {
            UseClock(services, twoWeeksAgo);
            // The host goes down before any checkpoint comes due: nothing may run them but the hosts after it.
            services.ConfigureWolverine(opts => opts.Durability.DurabilityAgentEnabled = false);
        }))
        {
            var given = new Given(before.Services);
            var hospital = await given.AHospitalAsync();
            await OpenConsultationPools.OpenAsync(before.Services.GetRequiredService<IDocumentStore>(), hospital, "Testziekenhuis", [SpecialtyPool.Rheumatology], CancellationToken.None);
            internist = await given.AnAccountAsync(SchakelRoles.Rheumatologist, hospital, pool: SpecialtyPool.Rheumatology);
            nurse = await given.AnAccountAsync(SchakelRoles.OsteoporosisNurse, hospital);
            var practice = await given.APracticeAsync();
            gp = await given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice);
            var posted = await before.Scenario(s =>
            {
                s.As(TestUsers.Gp(practice).WithAccount(gp));
                s.Post.Json(new PostQuestion(hospital, SpecialtyPool.Rheumatology, null,
                    new PostQuestion.PatientInput(new DateOnly(1944, 8, 12), Sex.Female, "R-1", null),
                    true, QuestionCategory.GlucocorticoidUser, "Prednison 7,5 mg sinds een jaar; bisfosfonaat starten?", null, WouldRefer.Yes, false)).ToUrl("/api/consultations");
                s.StatusCodeShouldBe(201);
            });
            question = (await posted.ReadAsJsonAsync<QuestionView>())!;
            Assert.True(question.DueAt < DateTimeOffset.UtcNow, "All checkpoints must be due by the time the next hosts start.");
            Assert.Equal(3, await ScheduledCheckpointsAsync());
            Assert.Empty(await RaisedAsync(before, question.Id));
        }

        await using var first = await SchakelApp.StartHostAsync(_connectionString, _mail, solo: false);
        await using var second = await SchakelApp.StartHostAsync(_connectionString, _mail, solo: false);

        await Eventually(async () => (await RaisedAsync(first, question.Id)).Count == 3, "all three checkpoints to be raised");
        await Eventually(async () => await UnfinishedMessagesAsync() == 0, "the reminders and alerts to be delivered");
        Assert.Equal(
            [EscalationLevel.HalfTime, EscalationLevel.FourFifths, EscalationLevel.Deadline],
            (await RaisedAsync(first, question.Id)).Order());
        Assert.Equal(2, To(internist.Email).Count);
        Assert.Single(To(nurse.Email));
        Assert.Single(To(gp.Email));
    }

    private static void UseClock(IServiceCollection services, TimeProvider clock)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton(clock);
    }

    /// <summary>The escalation e-mails to her; the centre's notification e-mails (docs/adr/0020: a new question, a late one by default for specialists) are not counted.</summary>
    private List<MimeKit.MimeMessage> To(string address) =>
        _mail.Messages().Where(m => m.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase))
            && !m.TextBody.Contains("/meldingen/open/", StringComparison.Ordinal)).ToList();

    private static async Task<List<EscalationLevel>> RaisedAsync(IAlbaHost host, Guid questionId)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(questionId);
        return events.Select(e => e.Data).OfType<EscalationRaised>().Select(e => e.Level).ToList();
    }

    private Task<long> ScheduledCheckpointsAsync() =>
        CountAsync("select count(*) from wolverine.wolverine_incoming_envelopes where status = 'Scheduled' and message_type = 'consultation.escalation-due.v1'");

    /// <summary>Messages not yet handled or sent (the inbox keeps handled ones for a while to refuse duplicates).</summary>
    private async Task<long> UnfinishedMessagesAsync() =>
        await CountAsync("select count(*) from wolverine.wolverine_incoming_envelopes where status <> 'Handled'")
        + await CountAsync("select count(*) from wolverine.wolverine_outgoing_envelopes");

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited {Patience.TotalSeconds} s for {what}.");
            await Task.Delay(200);
        }
    }
}
