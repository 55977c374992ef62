using Schakel.BuildingBlocks.Portal;
using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Audit;
using Schakel.Testing;

namespace Schakel.IntegrationTests.AccessLog;

/// <summary>The privacy contact's questions: who saw this patient, what did this user do, in this period.</summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class QueryingTheAccessLog(IntegrationApp app)
{
    private static readonly Guid Practice = Guid.CreateVersion7();
    /// <summary>Well before any search a test makes, so a search's own entry is always the newest.</summary>
    private static readonly DateTimeOffset AMonthAgo = new(DateTime.UtcNow.Date.AddDays(-30).AddHours(8), TimeSpan.Zero);

    private readonly CareUser _coordinator = TestUsers.Coordinator();

    private async Task<AccessLogPage> SearchAsync(string query, CareUser? reader = null)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/access-log" + query);
            s.As(reader ?? _coordinator);
        });
        return (await result.ReadAsJsonAsync<AccessLogPage>())!;
    }

    [Fact]
    public async Task searching_by_patient_returns_their_entries_newest_first()
    {
        var gp = TestUsers.Gp(Practice);
        var patient = TestPatients.NewReference();
        await app.RecordAsync(gp, AMonthAgo, patient, AccessAction.Read);
        await app.RecordAsync(gp, AMonthAgo.AddDays(2), patient, AccessAction.Change);
        await app.RecordAsync(gp, AMonthAgo.AddDays(1), patient, AccessAction.Print);
        await app.RecordAsync(gp, AMonthAgo.AddDays(1), TestPatients.NewReference(), AccessAction.Read);

        var page = await SearchAsync($"?patient={patient}");

        // The search is logged before it reads, so it finds itself, as the newest entry.
        Assert.Equal([AccessAction.Search, AccessAction.Change, AccessAction.Print, AccessAction.Read], page.Entries.Select(e => e.Action));
        Assert.All(page.Entries, e => Assert.Equal(patient, e.PatientReference));
        Assert.Equal(AMonthAgo.AddDays(2), page.Entries[1].OccurredAt);
    }

    [Fact]
    public async Task searching_by_user_and_period_returns_only_that_users_entries_in_that_period()
    {
        var gp = TestUsers.Gp(Practice);
        var other = TestUsers.Gp(Practice, name: "Dr. J. Smit");
        var patient = TestPatients.NewReference();
        await app.RecordAsync(gp, AMonthAgo.AddDays(-1), patient);
        await app.RecordAsync(gp, AMonthAgo, patient);
        await app.RecordAsync(gp, AMonthAgo.AddHours(30), patient);
        await app.RecordAsync(other, AMonthAgo.AddHours(1), patient);
        await app.RecordAsync(gp, AMonthAgo.AddDays(3), patient);

        var page = await SearchAsync($"?user={gp.UserId}&from={Uri.EscapeDataString(AMonthAgo.ToString("O"))}&to={Uri.EscapeDataString(AMonthAgo.AddDays(2).ToString("O"))}");

        Assert.Equal([AMonthAgo.AddHours(30), AMonthAgo], page.Entries.Select(e => e.OccurredAt));
        Assert.All(page.Entries, e => Assert.Equal(gp.UserId.ToString(), e.UserId));
    }

    [Fact]
    public async Task searching_by_part_of_a_name_finds_that_user()
    {
        var nurse = TestUsers.PracticeNurse(TestUsers.Gp(Practice), name: $"Zr. {Guid.NewGuid():N}");
        var patient = TestPatients.NewReference();
        await app.RecordAsync(nurse, AMonthAgo, patient);

        var page = await SearchAsync($"?user={nurse.Name[4..20].ToUpperInvariant()}");

        var entry = Assert.Single(page.Entries);
        Assert.Equal((nurse.Name, "Dr. A. de Vries", true), (entry.UserName, entry.ResponsibleUserName, entry.ActedForSomeoneElse));
    }

    [Fact]
    public async Task results_come_in_pages_that_say_whether_more_follow()
    {
        var gp = TestUsers.Gp(Practice);
        var patient = TestPatients.NewReference();
        for (var i = 0; i < 3; i++)
        {
            await app.RecordAsync(gp, AMonthAgo.AddMinutes(i), patient);
        }

        var before = Uri.EscapeDataString(AMonthAgo.AddDays(1).ToString("O"));
        var first = await SearchAsync($"?patient={patient}&to={before}&pageSize=2");
        var second = await SearchAsync($"?patient={patient}&to={before}&pageSize=2&page=2");

        Assert.Equal((2, true), (first.Entries.Count, first.HasMore));
        Assert.Equal((1, false), (second.Entries.Count, second.HasMore));
        Assert.Equal(AMonthAgo, second.Entries[0].OccurredAt);
    }

    [Fact]
    public async Task a_search_is_itself_logged_with_who_searched_and_from_where()
    {
        var patient = TestPatients.NewReference();

        await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/access-log?patient={patient}&user=jansen");
            s.As(_coordinator);
            s.WithRequestHeader("User-Agent", AccessLogTesting.Browser);
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.7"));
        });

        var logged = Assert.Single(await app.StoredForPatientAsync(patient));
        Assert.Equal(
            ("Search", "audit.access_log", "user=jansen", _coordinator.UserId.ToString(), "R. Coördinator", "Regio Midden-Brabant",
                "198.51.100.7", AccessLogTesting.Browser, "GET /api/access-log"),
            (logged.Action, logged.Resource, logged.ResourceId, logged.UserId, logged.UserName, logged.OrganisationName,
                logged.IpAddress, logged.UserAgent, logged.AccessPoint));
    }

    [Fact]
    public async Task a_search_without_a_patient_is_logged_for_all_patients()
    {
        var administrator = TestUsers.Administrator();

        await SearchAsync($"?user={Guid.CreateVersion7()}", administrator);

        var logged = await app.StoredForPatientAsync(PatientReference.Any);
        Assert.Contains(logged, e => e.UserId == administrator.UserId.ToString() && e.Action == "Search");
    }

    [Fact]
    public async Task a_gp_may_not_read_the_access_log()
    {
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/access-log");
            s.As(TestUsers.Gp(Practice));
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
    }

    [Fact]
    public async Task an_anonymous_caller_may_not_read_the_access_log()
    {
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/access-log");
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
            s.ContentTypeShouldBe("application/problem+json");
        });
    }

    [Fact]
    public async Task a_period_that_ends_before_it_starts_is_a_problem_in_dutch()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/access-log?from={Uri.EscapeDataString(AMonthAgo.ToString("O"))}&to={Uri.EscapeDataString(AMonthAgo.AddDays(-1).ToString("O"))}");
            s.As(_coordinator);
            s.StatusCodeShouldBe(400);
            s.ContentTypeShouldBe("application/problem+json");
        });

        var problem = await result.ReadAsJsonAsync<ValidationProblemDetails>();
        Assert.Equal("Ongeldige invoer", problem!.Title);
        Assert.Equal(["Het einde van de periode ligt vóór het begin. Kies een einddatum op of na de begindatum."], problem.Errors["to"]);
    }

    [Theory]
    [InlineData("?patient=123456782", "patient")]
    [InlineData("?pageSize=201", "pageSize")]
    [InlineData("?page=0", "page")]
    public async Task a_bsn_or_an_impossible_page_is_a_bad_request_and_nothing_is_searched(string query, string field)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/access-log" + query);
            s.As(_coordinator);
            s.StatusCodeShouldBe(400);
        });

        var problem = await result.ReadAsJsonAsync<ValidationProblemDetails>();
        Assert.True(problem!.Errors.ContainsKey(field), string.Join(", ", problem.Errors.Keys));
        Assert.Empty(await app.StoredForPatientAsync("123456782"));
    }

    [Fact]
    public async Task the_patient_overview_tells_a_coordinator_in_dutch_who_saw_the_data()
    {
        var gp = TestUsers.Gp(Practice);
        var nurse = TestUsers.PracticeNurse(gp);
        var internist = TestUsers.Internist(Guid.CreateVersion7());
        var patient = TestPatients.NewReference();
        await app.RecordAsync(nurse, AMonthAgo, patient, AccessAction.Read);
        await app.RecordAsync(internist, AMonthAgo.AddHours(2), patient, AccessAction.Change);

        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url($"/toegangslog/patient?ref={patient}");
            s.As(_coordinator);
        });

        var html = WebUtility.HtmlDecode(await result.ReadAsTextAsync());
        Assert.Contains("<html lang=\"nl\">", html, StringComparison.Ordinal);
        Assert.Contains("Wie heeft mijn gegevens ingezien?", html, StringComparison.Ordinal);
        Assert.Contains("M. Jansen", html, StringComparison.Ordinal);
        Assert.Contains("namens Dr. A. de Vries", html, StringComparison.Ordinal);
        Assert.Contains("Ingezien", html, StringComparison.Ordinal);
        Assert.Contains("Dr. K. Bakker", html, StringComparison.Ordinal);
        Assert.Contains("Ziekenhuis Hart van Brabant", html, StringComparison.Ordinal);
        Assert.Contains("Gewijzigd", html, StringComparison.Ordinal);
        Assert.Contains(DutchTime.ToDutch(AMonthAgo).ToString("dd-MM-yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture), html, StringComparison.Ordinal);
        Assert.Contains(await app.StoredForPatientAsync(patient), e => e.Action == "Search" && e.UserId == _coordinator.UserId.ToString());
    }

    [Fact]
    public async Task the_search_page_shows_a_dutch_message_next_to_the_period_when_it_ends_before_it_starts()
    {
        var form = await app.Host.Scenario(s =>
        {
            s.Get.Url("/toegangslog");
            s.As(_coordinator);
        });
        var (cookie, token) = Antiforgery(form, await form.ReadAsTextAsync());

        var result = await app.Host.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string>
            {
                ["Form.Patient"] = "",
                ["Form.From"] = "2026-11-24",
                ["Form.To"] = "2026-11-23",
                ["Form.Page"] = "1",
                ["__RequestVerificationToken"] = token,
            }).ToUrl("/toegangslog");
            s.WithRequestHeader("Cookie", cookie);
            s.As(_coordinator);
        });

        var html = WebUtility.HtmlDecode(await result.ReadAsTextAsync());
        Assert.Contains("Het einde van de periode ligt vóór het begin.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"access-log-entries\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_search_page_lists_a_patients_entries_for_a_coordinator()
    {
        var patient = TestPatients.NewReference();
        await app.RecordAsync(TestUsers.Gp(Practice, name: "Dr. P. Visser"), AMonthAgo, patient, AccessAction.Export);
        var form = await app.Host.Scenario(s =>
        {
            s.Get.Url("/toegangslog");
            s.As(_coordinator);
        });
        var (cookie, token) = Antiforgery(form, await form.ReadAsTextAsync());

        var result = await app.Host.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string>
            {
                ["Form.Patient"] = patient,
                ["Form.Page"] = "1",
                ["__RequestVerificationToken"] = token,
            }).ToUrl("/toegangslog");
            s.WithRequestHeader("Cookie", cookie);
            s.As(_coordinator);
        });

        var html = WebUtility.HtmlDecode(await result.ReadAsTextAsync());
        Assert.Contains("data-testid=\"access-log-entries\"", html, StringComparison.Ordinal);
        Assert.Contains("Dr. P. Visser", html, StringComparison.Ordinal);
        Assert.Contains("Geëxporteerd", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/toegangslog")]
    [InlineData("/toegangslog/patient?ref=pat-1")]
    public async Task the_access_log_pages_are_closed_to_anonymous_users_and_to_a_gp(string url)
    {
        // Pages answer as a browser expects: anonymous users go to the login page, a wrong role to the Dutch 403 page.
        var anonymous = await app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.StatusCodeShouldBe(HttpStatusCode.Redirect);
        });
        Assert.StartsWith("/inloggen", new Uri(new Uri("https://localhost"), anonymous.Context.Response.Headers.Location.ToString()).AbsolutePath, StringComparison.Ordinal);
        var gp = await app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.As(TestUsers.Gp(Practice));
            s.StatusCodeShouldBe(HttpStatusCode.Redirect);
        });
        Assert.StartsWith("/fout/403", new Uri(new Uri("https://localhost"), gp.Context.Response.Headers.Location.ToString()).AbsolutePath, StringComparison.Ordinal);
    }

    private static (string Cookie, string Token) Antiforgery(IScenarioResult form, string html)
    {
        var cookie = form.Context.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]).Single(c => c.StartsWith("__Host-schakel-af=", StringComparison.Ordinal));
        var token = AntiforgeryToken().Match(html).Groups["token"].Value;
        Assert.NotEmpty(token);
        return (cookie, token);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
