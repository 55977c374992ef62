using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Schakel.Host.Pages;

/// <summary>Remembers the user's choice of portal language (Dutch by default) in a cookie.</summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class LanguageModel(IOptions<RequestLocalizationOptions> localization) : PageModel
{
    public IActionResult OnPost(string culture, string? returnUrl)
    {
        var supported = localization.Value.SupportedUICultures?.Any(c => c.Name == culture) ?? false;
        if (supported)
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                // Not sensitive, but no reason to expose it: no script reads it, and it only needs to
                // follow top-level navigation (Lax). Secure holds on http://127.0.0.1 too (a secure context).
                new CookieOptions
                {
                    Expires = DateTimeOffset.UtcNow.AddYears(1),
                    Path = "/",
                    Secure = true,
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    IsEssential = true,
                });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
