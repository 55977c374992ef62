using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Freshness;
using Schakel.SocialMap.Geography;
using Wolverine.Marten;

namespace Schakel.SocialMap.Pages.SocialMap;

/// <summary>
/// The provider's page behind the e-mailed link (no account): her entry as it stands, to confirm
/// ("Alles klopt nog") or to change and save. The link is the only key: tampered (400), expired,
/// used or replaced by a newer one (410) changes nothing. The link is checked again on the entry
/// loaded for writing, so a second submit of the same link cannot change it twice.
/// </summary>
[AllowAnonymous]
public sealed class UpdateModel(
    IDocumentSession session, ProviderLinks links, IValidator<TherapistLocationEntry> validator, PostcodeAreas areas, IMartenOutbox outbox, TimeProvider clock) : PageModel
{
    public TherapistLocation? Location { get; private set; }

    /// <summary>Why the link cannot be used, in Dutch, when it cannot.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The thanks after a confirmation or a saved change.</summary>
    public string? Done { get; private set; }

    /// <summary>Bound, not validated by MVC (its implicit "required" speaks English): the entry's own validator judges it.</summary>
    [BindProperty]
    [ValidateNever]
    public LocationForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (await OpenAsync(token, ct) is not null)
        {
            Form = LocationForm.Of(Location!.Details);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync(string token, CancellationToken ct)
    {
        var link = await OpenAsync(token, ct);
        if (link is null)
        {
            return Page();
        }

        var now = clock.GetUtcNow();
        return await ChangeAsync(link, l => UpdateOwnEntry.Verify(l, link, now),
            "Dank u wel. Uw vermelding op de sociale kaart is bevestigd.", ct);
    }

    public async Task<IActionResult> OnPostSaveAsync(string token, CancellationToken ct)
    {
        var link = await OpenAsync(token, ct);
        if (link is null)
        {
            return Page();
        }

        // The form's own shape errors (a waiting time that is no number) come first, in Dutch from the binder.
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow();
        return await ChangeAsync(link, l => UpdateOwnEntry.Revise(l, link, Form, validator, areas, now),
            "Dank u wel. Uw wijzigingen zijn opgeslagen en uw vermelding is bevestigd.", ct);
    }

    private async Task<IActionResult> ChangeAsync(
        ProviderLink link, Func<TherapistLocation, (object? Change, ProblemDetails? Problem)> decide, string thanks, CancellationToken ct)
    {
        outbox.Enroll(session);
        var (changed, problem) = await LocationCommands.ChangeAsync(link.LocationId, session, outbox, decide, ct);
        if (changed is null)
        {
            if (problem is ValidationProblemDetails invalid)
            {
                foreach (var (property, messages) in invalid.Errors)
                {
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(Form.ProviderFieldOf(property, nameof(Form)), message);
                    }
                }

                return Page();
            }

            Refuse(problem?.Status ?? StatusCodes.Status409Conflict, problem?.Detail ?? ProviderLinks.Explain(ProviderLinkProblem.Used));
            return Page();
        }

        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is JasperFx.ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
        {
            // The same link, submitted twice at once: the first one counts.
            Refuse(StatusCodes.Status409Conflict, ProviderLinks.Explain(ProviderLinkProblem.Used));
            return Page();
        }

        Done = thanks;
        return Page();
    }

    /// <summary>The link if it may be used now (with the entry loaded to show); otherwise the refusal and its status are set.</summary>
    private async Task<ProviderLink?> OpenAsync(string token, CancellationToken ct)
    {
        // The token is the key: it must not leak through a referrer, nor stay in a cache.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers.CacheControl = "no-store";
        var (link, problem) = links.Read(token);
        if (link is null || problem is not null)
        {
            Refuse(ProviderLinks.StatusOf(problem ?? ProviderLinkProblem.Invalid), ProviderLinks.Explain(problem ?? ProviderLinkProblem.Invalid));
            return null;
        }

        Location = await session.LoadAsync<TherapistLocation>(link.LocationId, ct);
        if (ProviderLinks.Check(link, Location) is { } refused)
        {
            Refuse(ProviderLinks.StatusOf(refused), ProviderLinks.Explain(refused));
            return null;
        }

        return link;
    }

    private void Refuse(int status, string why)
    {
        Response.StatusCode = status;
        Refusal = why;
    }
}
