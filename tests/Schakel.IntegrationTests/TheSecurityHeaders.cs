using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Schakel.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Schakel.Host.Infrastructure;

namespace Schakel.IntegrationTests;

[Collection(IntegrationCollection.Name)]
public sealed partial class TheSecurityHeaders(IntegrationApp app)
{
    private static void AssertHardened(IScenarioResult result)
    {
        var headers = result.Context.Response.Headers;
        Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());
        Assert.Equal("DENY", headers.XFrameOptions.ToString());
        Assert.Equal("no-referrer", headers["Referrer-Policy"].ToString());
        Assert.Equal("camera=(), microphone=(), geolocation=()", headers["Permissions-Policy"].ToString());
        Assert.Equal("same-origin", headers["Cross-Origin-Opener-Policy"].ToString());

        var csp = headers.ContentSecurityPolicy.ToString();
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
    }

    private static void AssertNotStored(IScenarioResult result)
    {
        Assert.Equal("no-store", result.Context.Response.Headers.CacheControl.ToString());
        Assert.Equal("no-cache", result.Context.Response.Headers.Pragma.ToString());
    }

    private static string SetCookie(IScenarioResult result, string name) =>
        result.Context.Response.Headers.SetCookie.Select(c => c ?? "").SingleOrDefault(c => c.StartsWith($"{name}=", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"No Set-Cookie for {name}");

    private static string[] Attributes(string setCookie) =>
        setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToArray();

    [Fact]
    public async Task a_portal_page_is_hardened_with_the_strict_policy_and_never_stored()
    {
        var result = await app.Host.Scenario(s => s.Get.Url("/"));

        AssertHardened(result);
        AssertNotStored(result);
        Assert.Equal(SecurityHeaders.PageContentSecurityPolicy, result.Context.Response.Headers.ContentSecurityPolicy.ToString());
        Assert.DoesNotContain("unsafe", SecurityHeaders.PageContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public void a_configured_map_tile_server_is_the_only_image_source_added_to_the_page_policy()
    {
        Assert.Equal(SecurityHeaders.PageContentSecurityPolicy, SecurityHeaders.PagePolicyWithImagesFrom([]));

        var withTiles = SecurityHeaders.PagePolicyWithImagesFrom(["https://tile.openstreetmap.org", "https://tile.openstreetmap.org"]);

        Assert.Equal(
            SecurityHeaders.PageContentSecurityPolicy.Replace("img-src 'self' data:;", "img-src 'self' data: https://tile.openstreetmap.org;", StringComparison.Ordinal),
            withTiles);
        Assert.Contains("script-src 'self';", withTiles, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", withTiles, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_api_answer_is_hardened_and_never_stored()
    {
        var result = await app.Host.Scenario(s => s.As(TestUsers.Gp(Guid.CreateVersion7())).Get.Url("/api/referral/falls-prevention-providers"));

        AssertHardened(result);
        AssertNotStored(result);
    }

    [Fact]
    public async Task an_error_problem_is_hardened_and_never_stored()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Gp(Guid.CreateVersion7()));
            s.Get.Url("/api/does-not-exist");
            s.StatusCodeShouldBe(404);
        });

        Assert.Equal("application/problem+json", result.Context.Response.ContentType);
        AssertHardened(result);
        AssertNotStored(result);
    }

    [Fact]
    public async Task a_missing_portal_page_is_a_dutch_not_found_page_with_the_same_headers()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.As(TestUsers.Gp(Guid.CreateVersion7()));
            s.Get.Url("/bestaat-niet");
            s.StatusCodeShouldBe(404);
        });

        Assert.Contains("data-status=\"404\"", await result.ReadAsTextAsync(), StringComparison.Ordinal);
        AssertHardened(result);
        AssertNotStored(result);
    }

    [Fact]
    public async Task static_files_may_be_cached_but_are_hardened_too()
    {
        var result = await app.Host.Scenario(s => s.Get.Url("/css/site.css"));

        Assert.NotEqual("no-store", result.Context.Response.Headers.CacheControl.ToString());
        Assert.Equal("nosniff", result.Context.Response.Headers.XContentTypeOptions.ToString());
    }

    [Fact]
    public async Task the_api_reference_runs_its_own_scripts_by_a_fresh_nonce_and_loads_nothing_from_elsewhere()
    {
        var first = await app.Host.Scenario(s => s.Get.Url("/api/docs/"));
        var second = await app.Host.Scenario(s => s.Get.Url("/api/docs/"));

        AssertHardened(first);
        AssertNotStored(first);
        var csp = first.Context.Response.Headers.ContentSecurityPolicy.ToString();
        var nonce = Nonce().Match(csp).Groups["nonce"].Value;
        Assert.NotEmpty(nonce);
        Assert.NotEqual(nonce, Nonce().Match(second.Context.Response.Headers.ContentSecurityPolicy.ToString()).Groups["nonce"].Value);

        var html = await first.ReadAsTextAsync();
        var scripts = ScriptTag().Matches(html);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, tag => Assert.Contains($"nonce=\"{nonce}\"", tag.Value, StringComparison.Ordinal));
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_antiforgery_cookie_is_host_prefixed_secure_http_only_and_strict()
    {
        var result = await app.Host.Scenario(s => s.Get.Url("/"));

        var cookie = SetCookie(result, SecurityHeaders.AntiforgeryCookieName);
        var attributes = Attributes(cookie);
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_language_cookie_is_secure_http_only_and_lax()
    {
        var page = await app.Host.Scenario(s => s.Get.Url("/"));
        var antiforgery = SetCookie(page, SecurityHeaders.AntiforgeryCookieName).Split(';')[0];
        var token = RequestToken().Match(await page.ReadAsTextAsync()).Groups["token"].Value;

        var result = await app.Host.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string>
            {
                ["culture"] = "en",
                ["returnUrl"] = "/",
                ["__RequestVerificationToken"] = token,
            }).ToUrl("/taal");
            s.WithRequestHeader("Cookie", antiforgery);
            s.StatusCodeShouldBe(302);
        });

        var attributes = Attributes(SetCookie(result, ".AspNetCore.Culture"));
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        AssertHardened(result);
    }

    [Fact]
    public async Task hsts_is_sent_over_https_only()
    {
        var https = await app.Host.Scenario(s =>
        {
            s.Get.Url("/");
            s.ConfigureHttpContext(c =>
            {
                c.Request.Scheme = "https";
                c.Request.Host = new HostString("schakel.example.nl");
            });
        });
        var http = await app.Host.Scenario(s =>
        {
            s.Get.Url("/");
            s.ConfigureHttpContext(c => c.Request.Host = new HostString("schakel.example.nl"));
        });

        Assert.Equal("max-age=31536000; includeSubDomains", https.Context.Response.Headers.StrictTransportSecurity.ToString());
        Assert.Empty(http.Context.Response.Headers.StrictTransportSecurity.ToString());
    }

    [Fact]
    public async Task a_proxy_on_this_machine_may_say_the_request_came_over_https_a_stranger_may_not()
    {
        var fromLocalProxy = await app.Host.Scenario(s =>
        {
            s.Get.Url("/health/live");
            s.WithRequestHeader("X-Forwarded-Proto", "https");
            s.ConfigureHttpContext(c =>
            {
                c.Request.Host = new HostString("schakel.example.nl");
                c.Connection.RemoteIpAddress = IPAddress.Loopback;
            });
        });
        var fromStranger = await app.Host.Scenario(s =>
        {
            s.Get.Url("/health/live");
            s.WithRequestHeader("X-Forwarded-Proto", "https");
            s.ConfigureHttpContext(c =>
            {
                c.Request.Host = new HostString("schakel.example.nl");
                c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
            });
        });

        Assert.Equal(SecurityHeaders.StrictTransportSecurity, fromLocalProxy.Context.Response.Headers.StrictTransportSecurity.ToString());
        Assert.Empty(fromStranger.Context.Response.Headers.StrictTransportSecurity.ToString());
    }

    [GeneratedRegex("'nonce-(?<nonce>[^']+)'")]
    private static partial Regex Nonce();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex RequestToken();
}

/// <summary>The HTTPS redirect and the configured proxies, on a bare host with only the security pipeline.</summary>
public sealed class RedirectingToHttps
{
    private static Task<IAlbaHost> AHostWith(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.AddSchakelSecurityHeaders();
        return AlbaHost.For(builder, web =>
        {
            web.UseSchakelSecurityHeaders();
            web.MapGet("/vraag", () => "ok");
        });
    }

    [Fact]
    public async Task plain_http_is_redirected_to_https_when_configured_and_the_redirect_is_hardened()
    {
        await using var host = await AHostWith((SecurityHeaders.HttpsRedirectSetting, "true"));

        var result = await host.Scenario(s =>
        {
            s.Get.Url("/vraag?x=1");
            s.ConfigureHttpContext(c => c.Request.Host = new HostString("schakel.example.nl"));
            s.StatusCodeShouldBe(308);
        });

        Assert.Equal("https://schakel.example.nl/vraag?x=1", result.Context.Response.Headers.Location.ToString());
        Assert.Equal("DENY", result.Context.Response.Headers.XFrameOptions.ToString());
    }

    [Fact]
    public async Task plain_http_is_served_when_no_redirect_is_configured()
    {
        await using var host = await AHostWith();

        await host.Scenario(s =>
        {
            s.Get.Url("/vraag");
            s.StatusCodeShouldBe(200);
        });
    }

    [Fact]
    public async Task a_configured_proxy_may_forward_https_so_no_redirect_follows()
    {
        await using var host = await AHostWith(
            (SecurityHeaders.HttpsRedirectSetting, "true"),
            ($"{SecurityHeaders.KnownProxiesSetting}:0", "203.0.113.7"));

        var result = await host.Scenario(s =>
        {
            s.Get.Url("/vraag");
            s.WithRequestHeader("X-Forwarded-Proto", "https");
            s.ConfigureHttpContext(c =>
            {
                c.Request.Host = new HostString("schakel.example.nl");
                c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
            });
            s.StatusCodeShouldBe(200);
        });

        Assert.Equal(SecurityHeaders.StrictTransportSecurity, result.Context.Response.Headers.StrictTransportSecurity.ToString());
    }
}
