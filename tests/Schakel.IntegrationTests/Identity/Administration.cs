using System.Net;
using Schakel.BuildingBlocks.Access;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Identity;

[Collection(IntegrationCollection.Name)]
public sealed class Administration(IntegrationApp app)
{
    private readonly Given _given = new(app);

    private async Task<PortalClient> AnAdministratorAsync()
    {
        var admin = await _given.AnAccountAsync(SchakelRoles.Administrator, await _given.ARegionAsync());
        var browser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(browser, _given, admin);
        return browser;
    }

    [Fact]
    public async Task an_administrator_deactivates_an_account_and_its_session_ends_at_once()
    {
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());
        using var gpBrowser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(gpBrowser, _given, gp);
        using var admin = await AnAdministratorAsync();

        var page = $"/beheer/gebruikers/{gp.Id}";
        var deactivated = await admin.SubmitAsync(page, new Dictionary<string, string>(), $"{page}?handler=Deactivate");

        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.Contains("gedeactiveerd", await (await admin.GetAsync(page)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await gpBrowser.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task a_practice_nurse_is_set_to_act_on_behalf_of_a_gp_of_her_practice()
    {
        var practice = await _given.APracticeAsync();
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, practice);
        var nurse = await _given.AnAccountAsync(SchakelRoles.PracticeNurse, practice);
        using var admin = await AnAdministratorAsync();

        var page = $"/beheer/gebruikers/{nurse.Id}";
        var saved = await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Roles"] = SchakelRoles.PracticeNurse, ["ActsOnBehalfOfId"] = gp.Id.ToString(), ["AgbCode"] = "01234567",
        }, $"{page}?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var nurseBrowser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(nurseBrowser, _given, nurse);
        var account = await (await nurseBrowser.GetAsync("/account")).Content.ReadAsStringAsync();
        Assert.Contains("U werkt namens", account, StringComparison.Ordinal);
        Assert.Contains("Test huisarts", account, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_practice_nurse_cannot_act_for_a_gp_of_another_practice()
    {
        var otherGp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync("Andere praktijk"));
        var nurse = await _given.AnAccountAsync(SchakelRoles.PracticeNurse, await _given.APracticeAsync());
        using var admin = await AnAdministratorAsync();

        var page = $"/beheer/gebruikers/{nurse.Id}";
        var refused = await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Roles"] = SchakelRoles.PracticeNurse, ["ActsOnBehalfOfId"] = otherGp.Id.ToString(),
        }, $"{page}?handler=Save");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Een POH werkt namens een huisarts van dezelfde praktijk.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_gp_may_not_open_the_administration()
    {
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());
        using var browser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(browser, _given, gp);

        var response = await browser.GetAsync("/beheer/gebruikers");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/fout/403", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_gp_may_not_list_a_therapist_location_on_the_social_map()
    {
        var gp = await _given.AnAccountAsync(SchakelRoles.GeneralPractitioner, await _given.APracticeAsync());
        using var browser = new PortalClient(app.Host.Server);
        await SigningIn.SignInAsync(browser, _given, gp);

        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/socialmap/locations")
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
