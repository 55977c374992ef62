using System.Net;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;
using Scalar.AspNetCore;

namespace Schakel.Host.Infrastructure;

/// <summary>
/// Browser and transport security for every response: the hardening headers, a Content-Security-Policy,
/// HSTS over HTTPS, no caching of anything but static files, safe cookie flags, forwarded headers from
/// a TLS-terminating proxy and (when configured) redirection to HTTPS. The reasons for each value are
/// in the comments next to it; the README's "Running behind TLS" section says how production runs.
/// </summary>
public static class SecurityHeaders
{
    /// <summary><c>__Host-</c>: the browser only accepts it Secure, on path /, without Domain.</summary>
    public const string AntiforgeryCookieName = "__Host-schakel-af";

    public const string HttpsRedirectSetting = "Schakel:Https:Redirect";
    public const string HttpsPortSetting = "Schakel:Https:Port";
    public const string KnownProxiesSetting = "Schakel:ForwardedHeaders:KnownProxies";
    public const string KnownNetworksSetting = "Schakel:ForwardedHeaders:KnownNetworks";

    /// <summary>
    /// The portal's policy: nothing inline, nothing from elsewhere. <c>connect-src 'self'</c> also
    /// allows same-origin ws:/wss: (CSP Level 3 matches 'self' against the secure and WebSocket
    /// variants of the page's own origin), which SignalR needs; Chromium 156 allows ws:// to the
    /// page's host and blocks it to any other.
    /// </summary>
    public const string PageContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'self'; frame-ancestors 'none'; form-action 'self'; connect-src 'self'";

    /// <summary>
    /// The portal's policy with images also allowed from <paramref name="imageSources"/> (a module's
    /// configured map tiles, see <see cref="Schakel.BuildingBlocks.Portal.PortalImageSource"/>); the same
    /// policy when there are none.
    /// </summary>
    public static string PagePolicyWithImagesFrom(IEnumerable<string> imageSources)
    {
        var extra = string.Join(' ', imageSources.Distinct(StringComparer.Ordinal));
        return extra.Length == 0
            ? PageContentSecurityPolicy
            : PageContentSecurityPolicy.Replace("img-src 'self' data:;", $"img-src 'self' data: {extra};", StringComparison.Ordinal);
    }

    /// <summary>
    /// The sign-in pages' policy: the portal's, without <c>form-action</c>. Browsers apply
    /// form-action to every redirect that follows a form post, and signing in for an OpenID
    /// Connect client ends in a redirect to that client's registered redirect URI (another
    /// origin). These pages' only forms are our own, posting to themselves.
    /// </summary>
    public const string SignInContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'self'; frame-ancestors 'none'; connect-src 'self'";

    public const string SignInPath = "/inloggen";

    /// <summary>
    /// Scalar's API reference at /api/docs serves its bundle from this host (no CDN), but starts
    /// it with an inline module script (allowed by a fresh nonce per response) and injects its CSS
    /// at run time as &lt;style&gt; elements and style attributes without a nonce: without
    /// 'unsafe-inline' for styles Chromium renders a bare page. So styles are relaxed there, and
    /// only there; injected CSS cannot run script, and scripts stay nonce-or-self (no eval).
    /// </summary>
    public static string ApiReferenceContentSecurityPolicy(string? nonce) =>
        $"default-src 'self'; script-src 'self'{(nonce is null ? "" : $" 'nonce-{nonce}'")}; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; " +
        "form-action 'self'; connect-src 'self'";

    /// <summary>One year, subdomains included; no preload (that is a decision for the domain owner).</summary>
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public const string ApiReferencePath = "/api/docs";

    // Static files are public and versioned (asp-append-version); caching them is safe and cheap.
    // Scalar's bundle under /api/docs is the same kind of file (ours to serve, no data in it).
    private static readonly PathString[] StaticFileFolders = ["/css", "/js", "/lib", "/_content"];

    // HSTS as UseHsts does it, but set with the other headers at the last moment, so that an error
    // response keeps it too. The same hosts are left out: pinning HTTPS for them would follow a
    // developer to every other local app on the same name.
    private static readonly string[] HostsWithoutHsts = ["localhost", "127.0.0.1", "[::1]"];

    public static WebApplicationBuilder AddSchakelSecurityHeaders(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;

        // Behind a TLS-terminating proxy Kestrel sees http; X-Forwarded-Proto tells it the truth,
        // accepted only from loopback (the default) and the proxies configured here.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection(KnownProxiesSetting).Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in configuration.GetSection(KnownNetworksSetting).Get<string[]>() ?? [])
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        services.AddHttpsRedirection(o =>
        {
            o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            // Behind a proxy Kestrel has no https binding to discover the port from.
            o.HttpsPort = configuration.GetValue(HttpsPortSetting, 443);
        });

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookieName;
            o.Cookie.Path = "/";
            // Goes out Secure on every request all the same: the cookie policy below forces it. Antiforgery's
            // own "Always" would refuse to render any form over plain http, which ./run.sh serves on 127.0.0.1.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.HttpOnly = true;
            // Strict is safe here: a form page reissues the cookie on the (same-site) GET that shows it.
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        // The floor for every cookie the host sets: never sent over plain http (browsers treat
        // http://localhost and 127.0.0.1 as secure, so ./run.sh still works), never readable by
        // script, and never sent on cross-site subresource requests or posts (Lax; a cookie may be Strict).
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
            o.Secure = CookieSecurePolicy.Always;
            o.HttpOnly = HttpOnlyPolicy.Always;
        });
        return builder;
    }

    /// <summary>First in the pipeline, so that redirects, errors and static files carry the headers too.</summary>
    public static WebApplication UseSchakelSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        var hsts = !app.Environment.IsDevelopment();
        var pagePolicy = PagePolicyWithImagesFrom(app.Services.GetServices<Schakel.BuildingBlocks.Portal.PortalImageSource>().Select(s => s.Source));
        app.Use((http, next) =>
        {
            // At the last moment before the headers go out, so that an exception handler clearing the
            // response, or a status-code page re-executing the request, cannot drop them.
            http.Response.OnStarting(() =>
            {
                Apply(http, hsts, pagePolicy);
                return Task.CompletedTask;
            });
            return next(http);
        });
        if (app.Configuration.GetValue<bool>(HttpsRedirectSetting))
        {
            app.UseHttpsRedirection();
        }

        app.UseCookiePolicy();
        return app;
    }

    /// <summary>
    /// Lets Scalar run under a Content-Security-Policy: a fresh script nonce per response, and
    /// nothing fetched from or sent to Scalar's servers (fonts, telemetry, the AI agent, MCP, and
    /// the developer toolbar's share and SDK buttons, which upload the API document).
    /// </summary>
    public static ScalarOptions UnderContentSecurityPolicy(this ScalarOptions options) => options
        .WithNonce()
        .DisableDefaultFonts()
        .DisableTelemetry()
        .DisableAgent()
        .DisableMcp()
        .HideDeveloperTools();

    private static void Apply(HttpContext http, bool hsts, string pagePolicy)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // no-referrer rather than strict-origin-when-cross-origin: links carry reset and invitation
        // tokens and pseudonymous ids, and nothing here needs a Referer. CSRF protection is the
        // antiforgery token, not an Origin check (no-referrer makes Origin "null" on form posts).
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";

        // On every response, not only text/html: a policy on JSON is harmless, and no HTML (or SVG)
        // response can slip through a content-type check.
        var path = http.Request.Path;
        headers.ContentSecurityPolicy = path.StartsWithSegments(ApiReferencePath)
            ? ApiReferenceContentSecurityPolicy(http.Items[ScalarOptions.NonceHttpContextItemKey] as string)
            : path.StartsWithSegments(SignInPath) ? SignInContentSecurityPolicy : pagePolicy;

        if (hsts && http.Request.IsHttps && !HostsWithoutHsts.Contains(http.Request.Host.Host, StringComparer.OrdinalIgnoreCase))
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        // Pages and API answers hold personal and care data: no browser or proxy keeps a copy
        // (not even for the back button). Only static files may be cached.
        if (!IsStaticFile(path))
        {
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            headers.Remove("Expires");
        }
    }

    private static bool IsStaticFile(PathString path) =>
        StaticFileFolders.Any(path.StartsWithSegments)
        || (path.StartsWithSegments(ApiReferencePath, out var rest) && Path.HasExtension(rest.Value));
}
