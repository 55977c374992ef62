using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.Host.Demo;

namespace Schakel.Host.Pages.Demo;

/// <summary>Demo only: the e-mail the local mail catcher kept, newest first. 404 outside demo mode.</summary>
[Authorize]
public sealed class EmailModel(DemoMailbox mailbox) : PageModel
{
    public IReadOnlyList<CaughtEmail> Emails { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!mailbox.IsOn)
        {
            return NotFound();
        }

        Emails = mailbox.List();
        return Page();
    }
}
