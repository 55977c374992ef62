using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Portal;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Freshness;
using Wolverine.Marten;

namespace Schakel.SocialMap.Pages.SocialMap;

/// <summary>
/// The coordinator's list of stale entries (not verified for six months), with when each provider
/// was last asked: remind one provider, remind all due ones now rather than at the next hourly
/// round, or record that she checked an entry herself. The same decisions as the API.
/// </summary>
[Authorize(Policy = SchakelPolicies.Coordinator)]
public sealed class StaleModel(
    IDocumentSession session, IMartenOutbox outbox, ProviderLinks links, PortalLinks portal, StaleReminderSettings settings, TimeProvider clock) : PageModel
{
    public IReadOnlyList<StaleLocation> Locations { get; private set; } = [];

    public TimeSpan ReminderInterval => settings.Interval;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Locations = await StaleLocations.ListAsync(session, clock.GetUtcNow(), ct);

    /// <summary>"Stuur herinnering": this provider gets a link now, whenever she was last asked.</summary>
    public Task<IActionResult> OnPostRemindAsync(Guid id, CancellationToken ct) =>
        InTransactionAsync(async () =>
        {
            var (sent, problem) = await ProviderLinkSending.SendAsync(
                id, ProviderLinkReason.Stale, EntryAuthors.Of(User), null, session, outbox, links, portal, clock.GetUtcNow(), ct);
            return sent is not null ? $"Herinnering gestuurd naar {sent.SentTo}." : problem?.Detail ?? "Dit kan nu niet.";
        }, ct);

    /// <summary>"Herinner alle verouderde": the providers who are due (with an e-mail address, not asked recently).</summary>
    public Task<IActionResult> OnPostRemindAllAsync(CancellationToken ct) =>
        InTransactionAsync(async () =>
        {
            var round = await StaleReminders.SendAsync(session, outbox, links, portal, settings.Interval, clock.GetUtcNow(), ct);
            return (round.Sent, round.More) switch
            {
                (0, _) => "Er waren geen aanbieders om te herinneren: zij zijn onlangs al gevraagd, of hun locatie heeft geen e-mailadres.",
                (1, false) => "1 herinnering verstuurd.",
                (var n, false) => $"{n} herinneringen verstuurd.",
                (var n, true) => $"{n} herinneringen verstuurd; de rest volgt op de achtergrond.",
            };
        }, ct);

    /// <summary>"Gecontroleerd": the coordinator checked the entry herself (for example by phone).</summary>
    public Task<IActionResult> OnPostVerifyAsync(Guid id, CancellationToken ct) =>
        InTransactionAsync(async () =>
        {
            var by = EntryAuthors.Of(User);
            var now = clock.GetUtcNow();
            var (changed, problem) = await LocationCommands.ChangeAsync(id, session, outbox, l => VerifyTherapistLocationEndpoint.Decide(l, by, now), ct);
            return changed is not null ? $"{changed.Details.PracticeName} is als gecontroleerd vastgelegd." : problem?.Detail ?? "Dit kan nu niet.";
        }, ct);

    /// <summary>Runs one change with its e-mails in the outbox, commits, and shows the list again with what happened.</summary>
    private async Task<IActionResult> InTransactionAsync(Func<Task<string>> change, CancellationToken ct)
    {
        outbox.Enroll(session);
        var message = await change();
        try
        {
            await session.SaveChangesAsync(ct);
            Message = message;
        }
        catch (Exception e) when (e is JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException)
        {
            Message = "Iemand anders veranderde deze vermelding net; bekijk de lijst opnieuw.";
        }

        return RedirectToPage();
    }
}
