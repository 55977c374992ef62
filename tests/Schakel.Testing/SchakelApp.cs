using System.Globalization;
using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;

namespace Schakel.Testing;

/// <summary>
/// One Schakel host per test collection, on its own database of the real PostgreSQL, with
/// Wolverine and the projection daemon in solo mode so that tests can wait for them, and its
/// own SMTP server (<see cref="Mail"/>) that receives every e-mail the host sends.
/// </summary>
public abstract class SchakelApp(string database) : IAsyncLifetime
{
    private IAlbaHost? _host;

    public IAlbaHost Host => _host ?? throw new InvalidOperationException("The host has not started yet.");

    public string ConnectionString { get; private set; } = "";

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>The mail server the host sends to; read what it received with <see cref="SmtpSink.WaitForMessageToAsync"/>.</summary>
    public SmtpSink Mail { get; } = new();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.ForAsync(database);
        await Mail.StartAsync();
        _host = await StartHostAsync(ConnectionString, Mail, solo: true, ConfigureHost, ConfigureServices);
    }

    /// <summary>
    /// A Schakel host on the database, sending mail to <paramref name="mail"/>. Solo mode (one node
    /// owns every agent) unless several hosts share the database, as in a restart or multi-node test.
    /// </summary>
    public static async Task<IAlbaHost> StartHostAsync(
        string connectionString, SmtpSink mail, bool solo, Action<IWebHostBuilder>? configureHost = null, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var errors = new ServerErrors();
        var host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Schakel", connectionString);
            builder.UseSetting("Schakel:Smtp:Host", mail.Host);
            builder.UseSetting("Schakel:Smtp:Port", mail.Port.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Schakel:Smtp:SslMode", "None");
            builder.UseSetting("Schakel:Smtp:FromAddress", "schakel@test.example.nl");
            // Every test host can sign; e-mail is encrypted only for a recipient whose certificate a test put on file.
            builder.UseSetting("Schakel:Smime:SigningCertificate:Path", TestCertificates.OrganisationPfxPath);
            builder.UseSetting("Schakel:Smime:SigningCertificate:Password", TestCertificates.OrganisationPassword);
            // Retries within a test's patience; production waits seconds, then minutes to hours.
            builder.UseSetting("Schakel:Smtp:RetryCooldowns:0", "00:00:00.1");
            builder.UseSetting("Schakel:Smtp:RetryCooldowns:1", "00:00:00.2");
            builder.UseSetting("Schakel:Smtp:ScheduledRetries:0", "00:00:01");
            builder.UseSetting("Schakel:Smtp:ScheduledRetries:1", "00:00:01");
            builder.UseSetting("Schakel:Smtp:ScheduledRetries:2", "00:00:02");
            configureHost?.Invoke(builder);
            builder.ConfigureServices(services =>
            {
                if (solo)
                {
                    services.RunWolverineInSoloMode();
                }

                services.AddSchakelTestAuthentication();
                services.AddSingleton<Serilog.Core.ILogEventSink>(errors);
                configureServices?.Invoke(services);
            });
        });
        errors.Watch(host);
        return host;
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Settings for a fixture's own host (for example short token lifetimes).</summary>
    protected virtual void ConfigureHost(IWebHostBuilder builder)
    {
    }

    /// <summary>Empties every module's documents and events; call before a test that counts.</summary>
    public Task ResetDataAsync() => Host.Services.ResetAllDataAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await Mail.DisposeAsync();
    }
}
