using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;

namespace Schakel.Testing;

/// <summary>
/// One Schakel host per test collection, on its own database of the real PostgreSQL, with
/// Wolverine and the projection daemon in solo mode so that tests can wait for them.
/// </summary>
public abstract class SchakelApp(string database) : IAsyncLifetime
{
    private IAlbaHost? _host;

    public IAlbaHost Host => _host ?? throw new InvalidOperationException("The host has not started yet.");

    public string ConnectionString { get; private set; } = "";

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.ForAsync(database);
        _host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Schakel", ConnectionString);
            ConfigureHost(builder);
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.AddSchakelTestAuthentication();
                ConfigureServices(services);
            });
        });
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Settings for a fixture's own host (for example short token lifetimes).</summary>
    protected virtual void ConfigureHost(IWebHostBuilder builder)
    {
    }

    /// <summary>Empties every module's documents and events; call before a test that counts.</summary>
    public Task ResetDataAsync() => Host.ResetAllMartenDataAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
