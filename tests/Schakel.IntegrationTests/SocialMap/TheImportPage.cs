using Schakel.BuildingBlocks.Files;
using System.Net;
using System.Text;
using Marten;
using Schakel.BuildingBlocks.Access;
using Schakel.IntegrationTests.Identity;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Transfer;
using Schakel.Testing;

namespace Schakel.IntegrationTests.SocialMap;

/// <summary>The coordinator's import and export page: the errors by row in Dutch, or what was imported; no one else gets in.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class TheImportPage(IntegrationApp app) : IAsyncLifetime
{
    private const string Page = "/sociale-kaart/import";

    private static readonly string[] Columns = [DirectoryCsv.PracticeName, DirectoryCsv.PracticeAgbCode, DirectoryCsv.Street, DirectoryCsv.HouseNumber,
        DirectoryCsv.Postcode, DirectoryCsv.City, DirectoryCsv.Therapists, DirectoryCsv.Offers];

    private readonly Given _given = new(app);

    public Task InitializeAsync() => app.ResetDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<PortalClient> SignedInAsync(string role, Guid organisation)
    {
        var browser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(browser, _given, await _given.AnAccountAsync(role, organisation));
        return browser;
    }

    private static async Task<string> Html(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static byte[] AFile(params string[] postcodes) => Encoding.UTF8.GetBytes(Csv.Line(Columns) + string.Concat(postcodes.Select((postcode, i) =>
        Csv.Line([$"Fysio {i + 1}", "04123456", "Bredaseweg", "12", postcode, "Tilburg", "Eva Bakker|Physiotherapist|04000011|19012345601", "Otago"]))));

    private async Task<int> LocationsAsync()
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<TherapistLocation>().CountAsync();
    }

    [Fact]
    public async Task the_coordinator_sees_every_error_by_row_and_then_imports_only_the_good_rows()
    {
        using var coordinator = await SignedInAsync(SchakelRoles.Coordinator, await _given.ARegionAsync());
        Assert.Contains($"href=\"{Page}\"", await Html(await coordinator.GetAsync("/sociale-kaart")), StringComparison.Ordinal);
        var page = await Html(await coordinator.GetAsync(Page));
        Assert.Contains("href=\"/api/socialmap/export\"", page, StringComparison.Ordinal);
        Assert.Contains("Alleen de goede rijen importeren", page, StringComparison.Ordinal);
        var file = AFile("5038 AB", "12345", "5042 AB");

        var refused = await Html(await coordinator.PostFileAsync(page, Page, "file", "kaart.csv", file, "text/csv"));

        Assert.Contains("Er is niets geïmporteerd", refused, StringComparison.Ordinal);
        Assert.Contains("Rij 3, kolom postcode: Vul een postcode in zoals 5042 AB.", refused, StringComparison.Ordinal);
        Assert.Equal(0, await LocationsAsync());

        var imported = await Html(await coordinator.PostFileAsync(page, Page, "file", "kaart.csv", file, "text/csv",
            new Dictionary<string, string> { ["ValidOnly"] = "true" }));

        Assert.Contains("3 rijen gelezen: 2 nieuw op de kaart, 0 gewijzigd, 0 ongewijzigd, 1 overgeslagen.", imported, StringComparison.Ordinal);
        Assert.Contains("Rij 3, kolom postcode: Vul een postcode in zoals 5042 AB.", imported, StringComparison.Ordinal);
        Assert.Equal(2, await LocationsAsync());
    }

    [Fact]
    public async Task a_file_over_5_mb_is_refused_on_the_page_and_nothing_is_stored()
    {
        using var coordinator = await SignedInAsync(SchakelRoles.Coordinator, await _given.ARegionAsync());
        var page = await Html(await coordinator.GetAsync(Page));

        var justOver = await coordinator.PostFileAsync(page, Page, "file", "kaart.csv", new byte[ImportDirectoryEndpoint.MaxBytes + 1], "text/csv");
        var farOver = await coordinator.PostFileAsync(page, Page, "file", "kaart.csv", new byte[ImportDirectoryEndpoint.MaxRequestBytes + 1], "text/csv");

        Assert.Contains("Een importbestand mag hoogstens 5 MB zijn.", await Html(justOver), StringComparison.Ordinal);
        // Over the request limit the form is not even read (nor its anti-forgery token): 413, the portal's error page.
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, farOver.StatusCode);
        Assert.Equal(0, await LocationsAsync());
    }

    [Fact]
    public async Task a_gp_cannot_open_the_page_and_does_not_see_it_in_the_navigation()
    {
        using var gp = await SignedInAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());

        var response = await gp.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/fout/403", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{Page}\"", await Html(await gp.GetAsync("/sociale-kaart")), StringComparison.Ordinal);
    }
}
