using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Notifications.Centre;

namespace Schakel.Host.Pages.Notifications;

/// <summary>Her notifications, newest first, with links to the items and mark-as-read.</summary>
[Authorize(Policy = NotificationCentre.Policy)]
public sealed class IndexModel(IDocumentSession session, TimeProvider clock) : PageModel
{
    public const int Shown = 100;

    public IReadOnlyList<Notification> Notifications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Notifications = await NotificationInbox.LatestAsync(session, Me, Shown, ct);

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken ct)
    {
        if (!await NotificationInbox.MarkReadAsync(session, Me, id, clock.GetUtcNow(), ct))
        {
            return NotFound();
        }

        await session.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        await NotificationInbox.MarkAllReadAsync(session, Me, clock.GetUtcNow(), ct);
        await session.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    private Guid Me => CareUser.From(User)?.UserId ?? throw new InvalidOperationException("The notification policy lets only people through.");
}
