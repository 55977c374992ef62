using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Notifications.Email.DeadLetters;
using Schakel.Host.Notifications.Email.Resources;

namespace Schakel.Host.Pages.Admin;

/// <summary>The administrator's list of undeliverable e-mail, each with a button to send it again.</summary>
[Authorize(Policy = SchakelPolicies.Administrator)]
public sealed class EmailModel(DeadLetteredEmails deadLetters, IStringLocalizer<MailText> text) : PageModel
{
    public IReadOnlyList<DeadLetteredEmail> Emails { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Emails = await deadLetters.ListAsync(ct);

    public async Task<IActionResult> OnPostReplayAsync(Guid id, CancellationToken ct)
    {
        Message = await deadLetters.ReplayAsync(id, ct) ? text["DeadLetters_Replayed"] : text["DeadLetters_Gone"];
        return RedirectToPage();
    }
}
