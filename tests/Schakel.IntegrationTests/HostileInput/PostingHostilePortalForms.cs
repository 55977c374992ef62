using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Schakel.BuildingBlocks.Access;
using Schakel.Consultation.Pools;
using Schakel.IntegrationTests.Identity;
using Schakel.IntegrationTests.Referral.Referrals;
using Schakel.Referral.Agreements;
using Schakel.Testing;
using Xunit.Abstractions;

namespace Schakel.IntegrationTests.HostileInput;

/// <summary>
/// The portal's main forms, posted by a signed-in user with a valid anti-forgery token and hostile
/// values: in one field at a time of an otherwise valid form, in every field at once, and over the
/// size limit. Never a 500; the answer is the form with Dutch messages, the saved item, or 413; and a
/// script never comes back as markup.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class PostingHostilePortalForms(IntegrationApp app, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Given _given = new(app);

    /// <summary>What a browser sends for the hostile texts (a browser cannot send a lone surrogate: it has no UTF-8 form).</summary>
    private static readonly (string Name, string Value)[] HostileValues =
    [
        ("NUL-teken", "a\0b"),
        ("belteken", "a\u0007b"),
        ("RTL-override", "factuur\u202Efdp.exe"),
        ("zero-width joiner", "a\u200Db\u200B"),
        ("HTML en script", Script),
        ("SQL-injectie", "' OR 1=1 --"),
        ("SQL-injectie met drop", "\"; drop table events.mt_events; --"),
        ("10 kB", new string('x', 10 * 1024)),
        ("opmaaktekens voor logs", "regel\r\nINFO vervalst\u001b[31m"),
    ];

    private const string Script = "<script>alert(1)</script>";

    private static readonly string[] PerField = ["NUL-teken", "RTL-override", "HTML en script", "SQL-injectie met drop", "10 kB"];

    public Task InitializeAsync() => app.ResetDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task hostile_values_in_the_main_forms_never_get_a_500_nor_come_back_as_markup()
    {
        var practice = await _given.APracticeAsync();
        var hospital = await _given.AHospitalAsync();
        await OpenConsultationPools.OpenAsync(app.Store, hospital, "Testziekenhuis", [SpecialtyPool.Rheumatology], CancellationToken.None);
        await app.JoinAgreementAsync(practice, hospital, ReferralContentItem.DexaResult);
        using var gp = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice));
        using var coordinator = await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.Coordinator, await _given.ARegionAsync()));

        var forms = new (string Page, PortalClient User, Func<Dictionary<string, string>> Valid)[]
        {
            ("/consultaties/nieuw", gp, () => new()
            {
                ["PoolId"] = ConsultationPool.IdOf(hospital, SpecialtyPool.Rheumatology), ["DateOfBirth"] = "1950-02-01", ["Sex"] = "Female",
                ["Reference"] = "P-" + Guid.NewGuid().ToString("N")[..6], ["Category"] = "EvaluationAfterFiveYears",
                ["Text"] = "Mag ik de alendroninezuur na 5 jaar stoppen?", ["WouldRefer"] = "No", ["Consent"] = "true",
            }),
            ("/verwijzingen/nieuw", gp, () => new()
            {
                ["HospitalId"] = hospital.ToString(), ["Target"] = "FractureLiaisonService", ["PatientGroup"] = "CaseFinding", ["DateOfBirth"] = "1951-06-02",
                ["Sex"] = "Female", ["Reference"] = ReferralTesting.NewPracticeReference(), ["Consent"] = "true",
                ["Reason"] = "Wervelfractuur Th12 op X-thorax.", ["Content[DexaResult]"] = "T-score LWK -2,9 (12-11-2026)",
            }),
            ("/sociale-kaart/nieuw", coordinator, () => new()
            {
                ["Form.PracticeName"] = "Fysio Formulier", ["Form.PracticeAgbCode"] = "04123456", ["Form.Street"] = "Hoofdstraat", ["Form.HouseNumber"] = "3",
                ["Form.Postcode"] = "5037 AB", ["Form.City"] = "Tilburg", ["Form.Email"] = $"{Guid.NewGuid():N}@test.example.nl",
                ["Form.Therapists[0].Name"] = "Bram Smits", ["Form.Therapists[0].Discipline"] = "Physiotherapist", ["Form.Therapists[0].AgbCode"] = "04000031",
                ["Form.Therapists[0].BigNumber"] = "19012345601", ["Form.Offers"] = "VallenVerledenTijd", ["Form.Languages"] = "nl", ["Form.AcceptingPatients"] = "true",
            }),
        };

        var (posts, saved, failures) = (0, 0, new List<string>());
        foreach (var (page, user, valid) in forms)
        {
            var html = await (await user.GetAsync(page)).Content.ReadAsStringAsync();
            Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
            // One field at a time with the texts that reach storage or the page; every field at once with all of them.
            var attempts = valid().Keys.SelectMany(field => HostileValues.Where(v => PerField.Contains(v.Name)).Select(v => ($"{field}: {v.Name}", Replace(valid(), field, v.Value))))
                .Concat(HostileValues.Select(v => ($"elk veld: {v.Name}", valid().ToDictionary(f => f.Key, _ => v.Value))));
            foreach (var (name, fields) in attempts)
            {
                posts++;
                var response = await user.PostFormAsync(html, page, fields);
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                // The framework's own form reader refuses a NUL character (400, the portal's error page) before any page sees it.
                var refusedByTheFramework = status == 400 && name.EndsWith("NUL-teken", StringComparison.Ordinal);
                if (status >= 500 || (status is 400 or 413 && !refusedByTheFramework))
                {
                    failures.Add($"{page} [{name}]: {status}");
                }
                else if (body.Contains(Script, StringComparison.Ordinal))
                {
                    failures.Add($"{page} [{name}]: the script came back as markup");
                }
                else if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    saved++;
                    var shown = await (await user.GetAsync(response.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();
                    if (shown.Contains(Script, StringComparison.Ordinal))
                    {
                        failures.Add($"{page} [{name}]: the saved page shows the script as markup");
                    }
                }
            }

            // Over the host's size limit: the form is not read at all, the portal's error page says so.
            var tooLarge = await user.PostFormAsync(html, page, Replace(valid(), valid().Keys.First(), new string('x', 1024 * 1024)));
            posts++;
            if (tooLarge.StatusCode != HttpStatusCode.RequestEntityTooLarge)
            {
                failures.Add($"{page} [groter dan de limiet]: {(int)tooLarge.StatusCode}");
            }
        }

        output.WriteLine($"Portalformulieren: {posts} posts op {forms.Length} formulieren, {saved} opgeslagen, {failures.Count} fouten");
        foreach (var failure in failures)
        {
            output.WriteLine("  " + failure);
        }

        Assert.Empty(failures);
    }

    /// <summary>The query names the portal's pages read (bound or by hand), and the culture switch every page honours.</summary>
    private static readonly string[] PageQueryNames =
    [
        "postcode", "radiusKm", "discipline", "offer", "funding", "homeVisits", "language", "accepting", "pagina", "status", "late",
        "period", "hospital", "specialty", "practice", "scope", "locatie", "voorstel", "opvolging", "huisarts", "van", "ref", "terug",
        "gebruiker", "token", "culture", "ui-culture", "handler",
    ];

    [Fact]
    public async Task every_portal_page_asked_with_odd_query_values_answers_without_a_500_or_markup_from_the_query()
    {
        var hospital = await _given.AHospitalAsync();
        var region = await _given.ARegionAsync();
        var users = new List<PortalClient>
        {
            await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync())),
            await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.Internist, hospital, pool: SpecialtyPool.InternalMedicine)),
            await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.Coordinator, region)),
            await SignedInAsync(await _given.AnAccountAsync(SchakelRoles.Administrator, region)),
        };
        var pages = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>(app.Host.Services).Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            .Select(e => e.RoutePattern)
            // Signing out would end the sessions the rest of the run uses.
            .Where(p => p.RawText is { } raw && !raw.StartsWith("uitloggen", StringComparison.Ordinal) && !raw.StartsWith("Index", StringComparison.Ordinal))
            .DistinctBy(p => p.RawText)
            .ToList();
        Assert.Contains(pages, p => p.RawText == "sociale-kaart");

        var (requests, failures) = (0, new List<string>());
        try
        {
            foreach (var pattern in pages)
            {
                var path = PublicEndpoints.Fill(pattern);
                var user = await FirstLetInAsync(users, path);
                foreach (var query in HostileCorpus.Queries)
                {
                    requests++;
                    var url = path + "?" + string.Join('&', PageQueryNames.Select(query.Query));
                    var response = await user.GetAsync(url);
                    var body = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{path} [{query.Name}]: {(int)response.StatusCode}");
                    }
                    else if (body.Contains("<svg onload", StringComparison.Ordinal))
                    {
                        failures.Add($"{path} [{query.Name}]: the query came back as markup");
                    }
                }
            }
        }
        finally
        {
            users.ForEach(u => u.Dispose());
        }

        output.WriteLine($"Portalpagina's: {requests} verzoeken op {pages.Count} pagina's, {failures.Count} fouten");
        failures.ForEach(f => output.WriteLine("  " + f));
        Assert.Empty(failures);
    }

    /// <summary>The pages anyone may open, without an account: the sign-in steps and the signed links.</summary>
    private static readonly string[] PublicDoors =
    [
        "/inloggen", "/inloggen/code", "/inloggen/herstelcode", "/inloggen/tweestapsverificatie", "/wachtwoord-vergeten",
        "/wachtwoord-herstellen?gebruiker=iemand%40example.nl&token=abc", "/uitnodiging?gebruiker=iemand%40example.nl&token=abc",
        "/sociale-kaart/bijwerken/" + Uri.EscapeDataString("<svg onload=alert(1)>"), "/valpreventie/bevestigen/" + new string('A', 4096), "/taal",
    ];

    [Fact]
    public async Task the_public_doors_posted_with_hostile_values_by_anyone_never_get_a_500()
    {
        var (posts, failures) = (0, new List<string>());
        foreach (var door in PublicDoors)
        {
            using var stranger = new PortalClient(app.Host.Server);
            var page = await stranger.GetAsync(door);
            var html = await page.Content.ReadAsStringAsync();
            if ((int)page.StatusCode >= 500)
            {
                failures.Add($"GET {door}: {(int)page.StatusCode}");
            }

            var fields = FieldNames().Matches(html).Select(m => m.Groups[1].Value).Where(n => n != "__RequestVerificationToken").Distinct().ToList();
            foreach (var (name, value) in HostileValues)
            {
                posts++;
                var response = await stranger.PostFormAsync(html, door, fields.Append("Email").Append("Code").Distinct().ToDictionary(f => f, _ => value));
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"POST {door} [{name}]: {(int)response.StatusCode}");
                }
                else if (body.Contains(Script, StringComparison.Ordinal))
                {
                    failures.Add($"POST {door} [{name}]: the script came back as markup");
                }
            }
        }

        // The token endpoint of OpenID Connect: OAuth error answers (RFC 6749), never a 500.
        using var client = app.Host.Server.CreateClient();
        foreach (var (name, value) in HostileValues)
        {
            posts++;
            var response = await client.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = value, ["client_id"] = value, ["client_secret"] = value, ["scope"] = value, ["code"] = value, ["redirect_uri"] = value,
            }));
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"POST /connect/token [{name}]: {(int)response.StatusCode}");
            }
        }

        output.WriteLine($"Openbare deuren: {posts} posts op {PublicDoors.Length + 1} adressen, {failures.Count} fouten");
        failures.ForEach(f => output.WriteLine("  " + f));
        Assert.Empty(failures);
    }

    [GeneratedRegex("<(?:input|select|textarea)[^>]*\\sname=\"([^\"]+)\"")]
    private static partial Regex FieldNames();

    /// <summary>The first user the page does not send to the "no access" page.</summary>
    private static async Task<PortalClient> FirstLetInAsync(List<PortalClient> users, string path)
    {
        foreach (var user in users)
        {
            var response = await user.GetAsync(path);
            if (response.Headers.Location?.OriginalString.StartsWith("/fout/403", StringComparison.Ordinal) != true)
            {
                return user;
            }
        }

        return users[0];
    }

    private async Task<PortalClient> SignedInAsync(Person person)
    {
        var browser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(browser, _given, person);
        return browser;
    }

    private static Dictionary<string, string> Replace(Dictionary<string, string> form, string field, string value)
    {
        form[field] = value;
        return form;
    }
}
