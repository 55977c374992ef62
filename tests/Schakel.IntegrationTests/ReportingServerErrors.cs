using Alba;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Testing;

namespace Schakel.IntegrationTests;

/// <summary>
/// A scenario that meets a 500 fails with the exception the server logged for that request, so a
/// failure seen only on CI can be read from its log.
/// </summary>
public sealed class ReportingServerErrors : IAsyncLifetime
{
    private const string Broken = "/__tests/broken";
    private readonly SmtpSink _mail = new();
    private string _connectionString = "";
    private IAlbaHost? _host;

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabase.ForAsync("errors_" + Guid.NewGuid().ToString("N")[..8]);
        await _mail.StartAsync();
        _host = await SchakelApp.StartHostAsync(_connectionString, _mail, solo: true, configureServices: services =>
            services.AddTransient<IStartupFilter, BrokenEndpoint>());
    }

    [Fact]
    public async Task a_500_fails_the_scenario_with_the_servers_exception_for_that_request()
    {
        var failure = await Assert.ThrowsAsync<ServerErrorException>(() => _host!.Scenario(s =>
        {
            s.As(TestUsers.Coordinator());
            s.Get.Url(Broken);
            s.StatusCodeShouldBe(500);
        }));

        Assert.Contains($"GET {Broken} answered 500", failure.Message, StringComparison.Ordinal);
        Assert.Contains("the parking sensor is broken", failure.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(BrokenEndpoint), failure.Message, StringComparison.Ordinal); // the stack trace
        Assert.DoesNotContain("not tied to this request", failure.Message, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _mail.DisposeAsync();
        await TestDatabase.DropAsync(_connectionString);
    }

    /// <summary>A request path at the end of the host's pipeline (inside its exception handling) that throws.</summary>
    private sealed class BrokenEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(Broken, broken => broken.Run(_ => Fail()));
        };

        private static Task Fail() => throw new InvalidOperationException("the parking sensor is broken");
    }
}
