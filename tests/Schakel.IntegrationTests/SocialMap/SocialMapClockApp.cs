using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.Testing;
using Wolverine;
using Wolverine.Tracking;

namespace Schakel.IntegrationTests.SocialMap;

/// <summary>
/// A Schakel host of its own whose clock the tests move: half a year ahead to make entries stale,
/// weeks ahead to let links expire and reminders come due again. Tests set <see cref="Clock"/>'s
/// offset and put it back to zero before the next one.
/// </summary>
public sealed class SocialMapClockApp() : SchakelApp("socialmap_clock")
{
    public ShiftedClock Clock { get; } = new(TimeSpan.Zero);

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
    }

    /// <summary>From now until six months and a day later, on the calendar.</summary>
    public static TimeSpan SixMonthsAndADay
    {
        get
        {
            var now = DateTimeOffset.UtcNow;
            return now.AddMonths(6).AddDays(1) - now;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SocialMapClockCollection : ICollectionFixture<SocialMapClockApp>
{
    public const string Name = "social-map-clock";
}

/// <summary>The social map's test steps, in its own words.</summary>
internal static partial class SocialMapSteps
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static string AnAddress(string who) => $"{who}.{Guid.NewGuid():N}@fysio.test.example.nl";

    /// <summary>An entry near Tilburg with one physiotherapist, one offer and a waiting time of two weeks.</summary>
    public static TherapistLocationEntry AnEntry(string practiceName, string? email) => new(
        practiceName, "04123456", "Bredaseweg", "12a", "5038 AB", "Tilburg", "013-5441234", email,
        [new TherapistEntry("Anouk de Vries", TherapistDiscipline.Physiotherapist, "04000001", "19012345601")],
        [FallsPreventionOffer.InBalans],
        Languages: ["nl"], FundingRoutes: [FundingRoute.BasicInsurance], WaitingWeeks: 2);

    public static async Task<LocationView> ListAsync(this SchakelApp app, TherapistLocationEntry entry)
    {
        var listed = await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Coordinator());
            s.Post.Json(entry).ToUrl("/api/socialmap/locations");
            s.StatusCodeShouldBe(201);
        });
        return (await listed.ReadAsJsonAsync<LocationView>())!;
    }

    public static async Task<LocationView> LocationAsync(this SchakelApp app, Guid id)
    {
        var read = await app.Host.Scenario(s => s.As(TestUsers.Coordinator()).Get.Url($"/api/socialmap/locations/{id}"));
        return (await read.ReadAsJsonAsync<LocationView>())!;
    }

    public static async Task<IReadOnlyList<object>> EventsAsync(this SchakelApp app, Guid id)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList();
    }

    /// <summary>Runs <paramref name="action"/> and waits until every message it caused (the e-mails too) was handled.</summary>
    public static async Task<T> AndWaitAsync<T>(this SchakelApp app, Func<Task<T>> action)
    {
        T result = default!;
        await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ => result = await action()));
        return result;
    }

    public static List<MimeMessage> MailTo(this SchakelApp app, string address) =>
        app.Mail.Messages().Where(m => m.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>The path of the link in the <paramref name="nth"/> e-mail to <paramref name="address"/>, waiting for it.</summary>
    public static async Task<(string Path, MimeMessage Mail)> LinkInMailAsync(this SchakelApp app, string address, int nth = 1)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var mails = app.MailTo(address);
            if (mails.Count >= nth)
            {
                var mail = mails[nth - 1];
                return (new Uri(LinkPattern().Match(mail.TextBody ?? "").Value).PathAndQuery, mail);
            }

            Assert.True(DateTime.UtcNow < deadline, $"No e-mail number {nth} to {address}.");
            await Task.Delay(100);
        }
    }

    public static async Task<string> Html(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex(@"https?://\S+/sociale-kaart/bijwerken/\S+")]
    public static partial Regex LinkPattern();
}
