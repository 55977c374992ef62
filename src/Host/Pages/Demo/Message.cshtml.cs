using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.Host.Demo;

namespace Schakel.Host.Pages.Demo;

/// <summary>Demo only: one caught e-mail, its text part (or its HTML source as text). 404 outside demo mode.</summary>
[Authorize]
public sealed class MessageModel(DemoMailbox mailbox) : PageModel
{
    public CaughtEmailContent? Email { get; private set; }

    public IActionResult OnGet(string name)
    {
        if (!mailbox.IsOn || mailbox.Read(name) is not { } content)
        {
            return NotFound();
        }

        Email = content;
        return Page();
    }
}
