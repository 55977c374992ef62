using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Notifications.Smime;
using Schakel.Host.Resources;

namespace Schakel.Host.Pages.Admin;

/// <summary>The administrator's S/MIME certificates: the organisation's signing certificate and the recipients' (docs/adr/0019).</summary>
[Authorize(Policy = SchakelPolicies.Administrator)]
[RequestSizeLimit(ManageSmimeCertificatesEndpoint.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ManageSmimeCertificatesEndpoint.MaxRequestBytes)]
public sealed class CertificatesModel(SmimeCertificates certificates, IStringLocalizer<AccountText> text) : PageModel
{
    public SmimeCertificatesView Certificates { get; private set; } = new(new SigningCertificateView(false, null, null, null, false, false), [], 0);

    [BindProperty]
    public string? Address { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Certificates = await certificates.ListAsync(ct);

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken ct)
    {
        var content = file is null ? null
            : file.Length > SmimeCertificates.MaxBytes ? null
            : await ManageSmimeCertificatesEndpoint.ReadAsync(file, ct);
        if (file is { Length: > SmimeCertificates.MaxBytes })
        {
            ModelState.AddModelError(SmimeCertificates.FileField, text["Smime_TooLarge"]);
        }
        else
        {
            var (_, problem) = await certificates.UploadAsync(Address, content, CareUser.From(User)?.UserId.ToString() ?? "unknown", ct);
            if (problem is ValidationProblemDetails invalid)
            {
                foreach (var (field, messages) in invalid.Errors)
                {
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(field == SmimeCertificates.AddressField ? nameof(Address) : field, message);
                    }
                }
            }
        }

        if (!ModelState.IsValid)
        {
            Certificates = await certificates.ListAsync(ct);
            return Page();
        }

        Message = text["Smime_Added"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string address, CancellationToken ct)
    {
        Message = await certificates.RemoveAsync(address, ct) ? text["Smime_Removed"] : null;
        return RedirectToPage();
    }
}
