using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Schakel.Testing;
using Wolverine;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Schakel.BrowserTests;

/// <summary>
/// The real Schakel host on Kestrel at 127.0.0.1 on a free port (a browser cannot reach a
/// TestServer), on its own database of the test PostgreSQL, plus one headless Debian Chromium
/// driven by Playwright. One of each per test collection; every journey gets a fresh browser
/// context, so cookies never leak from one test into the next.
/// Journeys sign in for real, through the login pages (see <see cref="SigningIn"/>), as accounts
/// that <see cref="Given"/> makes; only seeding through <see cref="Api"/> uses the test sign-in header.
/// </summary>
public sealed class PortalServer(IMessageSink diagnostics) : IAsyncLifetime
{
    public const string ChromiumVariable = "SCHAKEL_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>Every journey's browser prefers English, so a Dutch page proves the portal chose Dutch itself.</summary>
    public const string BrowserLocale = "en-US";

    private PortalFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IAPIRequestContext? _api;

    /// <summary>Where the host listens, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started yet.");

    /// <summary>
    /// Plain HTTP against the same host, for seeding data the way an API client would. It acts as
    /// the regional coordinator through the test sign-in header, never through the browser's cookies.
    /// </summary>
    public IAPIRequestContext Api => _api ?? throw new InvalidOperationException("The server has not started yet.");

    /// <summary>The mail server the portal sends to (a real SMTP server on 127.0.0.1); use a fresh recipient per test.</summary>
    public SmtpSink Mail { get; } = new();

    /// <summary>Organisations and accounts (with password and authenticator) in the portal's own identity store.</summary>
    public Given Given => new(Factory.Services);

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        var connectionString = await TestDatabase.ForAsync("browser");
        await Mail.StartAsync();
        _factory = new PortalFactory(connectionString, Mail);
        _factory.UseKestrel(0); // 0: Kestrel picks a free port on 127.0.0.1
        _factory.StartServer();
        BaseUrl = _factory.ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority);
        await EnsureListeningAsync(BaseUrl);
        var serverStarted = clock.Elapsed;

        clock.Restart();
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured ? configured : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"No Chromium at {chromium}. Install Debian's (apt-get install -y chromium) or point {ChromiumVariable} at one. " +
                "These tests never download a browser.");
        }

        // Belt and braces: nothing in this process may fetch a browser build.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            Headless = true,
            ExecutablePath = chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        _api = await _playwright.APIRequest.NewContextAsync(new APIRequestNewContextOptions
        {
            BaseURL = BaseUrl,
            ExtraHTTPHeaders = new Dictionary<string, string>
            {
                [TestAuthentication.Header] = TestAuthentication.Encode(TestUsers.ClaimsOf(TestUsers.Coordinator())),
            },
        });

        diagnostics.OnMessage(new DiagnosticMessage(
            $"Portal at {BaseUrl} started in {serverStarted.TotalSeconds:0.0} s; Chromium {_browser.Version} launched in {clock.Elapsed.TotalSeconds:0.0} s."));
    }

    /// <summary>Empties every module's documents and events (and restarts the projections).</summary>
    public Task ResetDataAsync() => Factory.Services.ResetAllDataAsync();

    /// <summary>
    /// Runs a journey in a fresh browser context (its own cookies). If the journey fails, a
    /// full-page screenshot is saved under screenshots/ in the test output folder and named in the failure.
    /// </summary>
    public async Task VisitAsync(Func<IPage, Task> journey, [CallerMemberName] string test = "")
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        try
        {
            await journey(page);
        }
        catch (Exception failure)
        {
            var screenshot = await TryScreenshotAsync(page, test);
            throw new JourneyFailedException(test, page.Url, screenshot, failure);
        }
    }

    /// <summary>
    /// A journey of two people at once, each in a fresh browser context of her own (her own
    /// cookies), as two colleagues at two computers. On failure both pages are photographed.
    /// </summary>
    /// <summary>Plain HTTP against the host as <paramref name="user"/> (test sign-in header), for setting the scene; dispose it.</summary>
    public Task<IAPIRequestContext> ApiAsAsync(Schakel.BuildingBlocks.Access.CareUser user) =>
        (_playwright ?? throw new InvalidOperationException("The server has not started yet.")).APIRequest.NewContextAsync(new APIRequestNewContextOptions
        {
            BaseURL = BaseUrl,
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthentication.Header] = TestAuthentication.Encode(TestUsers.ClaimsOf(user)) },
        });

    public async Task VisitTogetherAsync(Func<IPage, IPage, Task> journey, [CallerMemberName] string test = "")
    {
        await using var firstContext = await NewContextAsync();
        await using var secondContext = await NewContextAsync();
        var first = await firstContext.NewPageAsync();
        var second = await secondContext.NewPageAsync();
        try
        {
            await journey(first, second);
        }
        catch (Exception failure)
        {
            var screenshots = new[] { await TryScreenshotAsync(first, test + "-1"), await TryScreenshotAsync(second, test + "-2") };
            throw new JourneyFailedException(
                test, $"{first.Url} (first) and {second.Url} (second)", string.Join(" and ", screenshots.OfType<string>()) is { Length: > 0 } both ? both : null, failure);
        }
    }

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = BrowserLocale,
        });
        context.SetDefaultTimeout(10_000);
        return context;
    }

    private static async Task<string?> TryScreenshotAsync(IPage page, string test)
    {
        try
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{test}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 5_000 });
            return path;
        }
        catch (PlaywrightException)
        {
            return null; // the page may already be gone; the original failure matters more
        }
    }

    private static async Task EnsureListeningAsync(string baseUrl)
    {
        var address = new Uri(baseUrl);
        if (!IPAddress.TryParse(address.Host, out var ip) || !IPAddress.IsLoopback(ip) || address.Port == 0)
        {
            throw new InvalidOperationException($"The portal should listen on a loopback port, but reports {baseUrl}.");
        }

        // A plain socket-level client, not the factory's in-memory one: this proves a browser can connect.
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        if (live.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The portal at {baseUrl} answered /health/live with {(int)live.StatusCode}.");
        }
    }

    private PortalFactory Factory => _factory ?? throw new InvalidOperationException("The server has not started yet.");

    /// <summary>The running host's services, for arranging what a test needs (clients, accounts).</summary>
    public IServiceProvider Services => Factory.Services;

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await Mail.DisposeAsync();
    }

    private sealed class PortalFactory(string connectionString, SmtpSink mail) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Schakel", connectionString);
            builder.UseSetting("Schakel:Identity:RequireHttps", "false");
            builder.UseSetting("Schakel:Smtp:Host", mail.Host);
            builder.UseSetting("Schakel:Smtp:Port", mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Schakel:Smtp:SslMode", "None");
            builder.UseSetting("Schakel:Smtp:FromAddress", "schakel@test.example.nl");
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                // Only requests that carry the test header (the seeding API context) use it; the browser signs in for real.
                services.AddSchakelTestAuthentication();
            });
        }
    }
}

/// <summary>A browser journey failed; the message says where the page was and where its screenshot is.</summary>
public sealed class JourneyFailedException(string test, string url, string? screenshot, Exception inner)
    : Exception(
        $"{inner.Message}{Environment.NewLine}Journey {test} failed at {url}; " +
        (screenshot is null ? "no screenshot could be taken." : $"screenshot: {screenshot}"),
        inner);

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalServer>
{
    public const string Name = "portal";
}
