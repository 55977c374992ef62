using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Notifications.Centre;
using Schakel.Host.Notifications.Preferences;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Notifications;

/// <summary>/meldingen/voorkeuren: her own choices per kind and the digest's time; defaults by role until she chooses.</summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class ChoosingNotificationPreferences(IntegrationApp app) : IAsyncLifetime
{
    private readonly CareUser _gp = TestUsers.Gp(Guid.CreateVersion7());

    public Task InitializeAsync() => app.ResetDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_page_shows_the_defaults_of_her_role_until_she_chooses()
    {
        var html = await (await PageAsync(_gp)).ReadAsTextAsync();

        Assert.Contains("Voorkeuren voor meldingen", html, StringComparison.Ordinal);
        Assert.Equal("EmailImmediately", Selected(html, NotificationKinds.ConsultationAnswered));
        Assert.Equal("EmailImmediately", Selected(html, NotificationKinds.ConsultationClarificationRequested));
        Assert.Equal("PortalOnly", Selected(html, NotificationKinds.ConsultationPosted));
        Assert.Contains("value=\"07:30\"", html, StringComparison.Ordinal);
        var list = await app.Host.Scenario(s =>
        {
            s.As(_gp);
            s.Get.Url("/meldingen");
        });
        Assert.Contains("href=\"/meldingen/voorkeuren\"", await list.ReadAsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task she_saves_her_choices_and_only_what_differs_from_her_default_is_stored()
    {
        var saved = await PostAsync(_gp, new Dictionary<string, string>
        {
            [$"Choices[{NotificationKinds.ConsultationAnswered}]"] = "EmailDigest",
            [$"Choices[{NotificationKinds.ConsultationClarificationRequested}]"] = "EmailImmediately",
            [$"Choices[{NotificationKinds.ReferralAccepted}]"] = "EmailImmediately",
            ["DigestAt"] = "16:45",
        });

        Assert.Equal(HttpStatusCode.Redirect, (HttpStatusCode)saved.Context.Response.StatusCode);
        await using (var session = app.Store.QuerySession())
        {
            var stored = await session.LoadAsync<NotificationPreferences>(_gp.UserId);
            Assert.NotNull(stored);
            Assert.Equal(new TimeOnly(16, 45), stored.DigestAt);
            Assert.Equal(
                new Dictionary<string, DeliveryChoice> { [NotificationKinds.ConsultationAnswered] = DeliveryChoice.EmailDigest, [NotificationKinds.ReferralAccepted] = DeliveryChoice.EmailImmediately },
                stored.Choices);
        }

        var html = await (await PageAsync(_gp)).ReadAsTextAsync();
        Assert.Equal("EmailDigest", Selected(html, NotificationKinds.ConsultationAnswered));
        Assert.Equal("EmailImmediately", Selected(html, NotificationKinds.ReferralAccepted));
        Assert.Contains("value=\"16:45\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task another_person_neither_sees_nor_changes_her_choices()
    {
        await PostAsync(_gp, new Dictionary<string, string> { [$"Choices[{NotificationKinds.ReferralAccepted}]"] = "EmailDigest", ["DigestAt"] = "18:00" });
        var colleague = TestUsers.Gp(_gp.OrganisationId, name: "Dr. B. Collega");

        var html = await (await PageAsync(colleague)).ReadAsTextAsync();
        Assert.Equal("PortalOnly", Selected(html, NotificationKinds.ReferralAccepted));
        Assert.Contains("value=\"07:30\"", html, StringComparison.Ordinal);

        // Her page posts for whoever is signed in: the colleague's post (even naming her id) changes only his own.
        await PostAsync(colleague, new Dictionary<string, string> { ["Id"] = _gp.UserId.ToString(), [$"Choices[{NotificationKinds.ReferralAccepted}]"] = "PortalOnly", ["DigestAt"] = "06:00" });
        await using var session = app.Store.QuerySession();
        var hers = await session.LoadAsync<NotificationPreferences>(_gp.UserId);
        Assert.Equal((DeliveryChoice.EmailDigest, new TimeOnly(18, 0)), (hers!.Choices[NotificationKinds.ReferralAccepted], hers.DigestAt));
        Assert.Equal(new TimeOnly(6, 0), (await session.LoadAsync<NotificationPreferences>(colleague.UserId))!.DigestAt);
    }

    [Theory]
    [InlineData("Choices[consultation.answered]", "Fax", "Kies per soort melding")]
    [InlineData("Choices[consultation.answered]", "7", "Kies per soort melding")]
    [InlineData("Choices[iets.anders]", "EmailImmediately", "Onbekend soort melding.")]
    [InlineData("DigestAt", "25:00", "Vul het tijdstip van het dagelijkse overzicht in")]
    public async Task a_wrong_choice_or_time_is_refused_in_dutch_and_nothing_is_stored(string field, string value, string message)
    {
        var form = new Dictionary<string, string> { ["DigestAt"] = "08:00", [field] = value };

        var result = await PostAsync(_gp, form);

        Assert.Equal(HttpStatusCode.OK, (HttpStatusCode)result.Context.Response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await result.ReadAsTextAsync()), StringComparison.Ordinal);
        await using var session = app.Store.QuerySession();
        Assert.Null(await session.LoadAsync<NotificationPreferences>(_gp.UserId));
    }

    [Fact]
    public async Task a_post_without_the_antiforgery_token_is_refused()
    {
        await app.Host.Scenario(s =>
        {
            s.As(_gp);
            s.Post.FormData(new Dictionary<string, string> { ["DigestAt"] = "08:00" }).ToUrl("/meldingen/voorkeuren");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
        await using var session = app.Store.QuerySession();
        Assert.Null(await session.LoadAsync<NotificationPreferences>(_gp.UserId));
    }

    private Task<IScenarioResult> PageAsync(CareUser who) => app.Host.Scenario(s =>
    {
        s.As(who);
        s.Get.Url("/meldingen/voorkeuren");
        s.StatusCodeShouldBeOk();
    });

    private async Task<IScenarioResult> PostAsync(CareUser who, Dictionary<string, string> fields)
    {
        var form = await PageAsync(who);
        var html = await form.ReadAsTextAsync();
        var cookie = form.Context.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]).Single(c => c.StartsWith("__Host-schakel-af=", StringComparison.Ordinal));
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(html).Groups["token"].Value;
        return await app.Host.Scenario(s =>
        {
            s.As(who);
            s.Post.FormData(fields).ToUrl("/meldingen/voorkeuren");
            s.WithRequestHeader("Cookie", cookie);
            s.IgnoreStatusCode();
        });
    }

    private static string Selected(string html, string kind)
    {
        var select = Regex.Match(html, $"<select[^>]*data-kind=\"{Regex.Escape(kind)}\"[^>]*>(?<options>.*?)</select>", RegexOptions.Singleline);
        Assert.True(select.Success, $"No choice for {kind} on the page.");
        return Assert.Single(Regex.Matches(select.Groups["options"].Value, "<option value=\"(?<v>\\w+)\" selected=\"selected\"").Select(m => m.Groups["v"].Value));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
