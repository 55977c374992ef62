using System.Globalization;
using System.Net;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Access;
using Schakel.BuildingBlocks.Notifications;
using Schakel.BuildingBlocks.Portal;
using Schakel.BuildingBlocks.Problems;
using Schakel.SocialMap.Directory;
using Wolverine;
using Wolverine.Http;

namespace Schakel.SocialMap.Freshness;

/// <summary>What the coordinator hears back: where the link went and until when it works (never the link itself).</summary>
public sealed record ProviderLinkSentView(Guid LocationId, string SentTo, ProviderLinkReason Reason, DateTimeOffset SentAt, DateTimeOffset ExpiresAt)
{
    public static ProviderLinkSentView Of(ProviderLinkSent sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        return new(sent.LocationId, sent.SentTo, sent.Reason, sent.SentAt, sent.ExpiresAt);
    }
}

/// <summary>
/// The e-mail to a location with its link: which entry, why, until when. It names the practice
/// and nothing else: no patient data, no details of the entry (those are behind the link).
/// </summary>
public static class ProviderLinkMail
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>The e-mail; throws <see cref="ArgumentException"/> when the location's address cannot be mailed.</summary>
    public static EmailMessage For(TherapistLocation location, ProviderLinkReason reason, Uri link, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(link);
        var practice = location.Details.PracticeName;
        var why = reason == ProviderLinkReason.Stale
            ? $"De gegevens van uw praktijk op de sociale kaart valpreventie zijn sinds {Day(location.LastVerifiedAt)} niet meer bevestigd. "
              + "Huisartsen verwijzen hun patiënten op basis van deze gegevens. Wilt u controleren of alles nog klopt?"
            : "De coördinator van de sociale kaart valpreventie vraagt u de gegevens van uw praktijk te controleren en zo nodig bij te werken.";
        var how = $"Via deze link ziet u uw vermelding en bevestigt u haar of werkt u haar bij, zonder account. De link werkt één keer en is geldig tot en met {Day(expiresAt)}.";
        var text = $"Beste collega van {practice},\n\n{why}\n\n{how}\n{link.AbsoluteUri}\n\n"
            + "Klopt de naam of het adres van de praktijk niet, of biedt u geen valpreventie meer aan? Laat het de coördinator weten.\n\n"
            + "Met vriendelijke groet,\nSchakel";
        var html = $"<p>Beste collega van {WebUtility.HtmlEncode(practice)},</p><p>{WebUtility.HtmlEncode(why)}</p>"
            + $"<p><a href=\"{WebUtility.HtmlEncode(link.AbsoluteUri)}\">Bekijk en bevestig uw vermelding</a>. {WebUtility.HtmlEncode(how)}</p>"
            + "<p>Klopt de naam of het adres van de praktijk niet, of biedt u geen valpreventie meer aan? Laat het de coördinator weten.</p>"
            + "<p>Met vriendelijke groet,<br>Schakel</p>";
        var subject = reason == ProviderLinkReason.Stale
            ? "Sociale kaart valpreventie: klopt uw vermelding nog?"
            : "Sociale kaart valpreventie: controleer uw vermelding";
        return new EmailMessage(location.Details.Email ?? "", practice, subject, text, html);
    }

    private static string Day(DateTimeOffset moment) => DutchTime.ToDutch(moment).ToString("d MMMM yyyy", Dutch);
}

/// <summary>
/// Sending a location its link: the decision, and the one way to carry it out (append
/// <see cref="ProviderLinkSent"/> to the stream loaded for writing and publish the e-mail in the
/// caller's transaction). Used by the coordinator's endpoint and page and by the stale reminders.
/// </summary>
public static class ProviderLinkSending
{
    public const string NoEmail = "Deze locatie heeft geen e-mailadres op de sociale kaart; vul het eerst in of neem op een andere manier contact op.";
    public const string UnusableEmail = "Het e-mailadres van deze locatie is niet bruikbaar; verbeter het eerst.";

    /// <summary>The system itself, when it reminds a provider.</summary>
    public static readonly EntryAuthor SystemAuthor = new(EntrySource.System, null, "Schakel");

    /// <summary>A retired location or one without an e-mail address gets no link; a newer link replaces the open one.</summary>
    public static (ProviderLinkSent? Sent, ProblemDetails? Problem) Decide(
        TherapistLocation location, ProviderLink link, ProviderLinkReason reason, EntryAuthor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(link);
        if (link.LocationId != location.Id)
        {
            throw new ArgumentException("The link is for another location.", nameof(link));
        }

        if (location.IsRetired)
        {
            return (null, Problem.Conflict(LocationCommands.Retired));
        }

        return location.Details.Email is { Length: > 0 } email
            ? (new ProviderLinkSent(location.Id, link.LinkId, email, reason, link.ExpiresAt, by, now), null)
            : (null, Problem.Conflict(NoEmail));
    }

    /// <summary>
    /// Sends the location a new link in the caller's transaction, when <paramref name="onlyIf"/>
    /// (checked on the entry loaded for writing) allows: the sent event, or a problem, or neither
    /// when <paramref name="onlyIf"/> said no.
    /// </summary>
    public static async Task<(ProviderLinkSent? Sent, ProblemDetails? Problem)> SendAsync(
        Guid locationId, ProviderLinkReason reason, EntryAuthor by, Func<TherapistLocation, bool>? onlyIf,
        IDocumentSession session, IMessageBus bus, ProviderLinks links, PortalLinks portal, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(portal);
        ArgumentNullException.ThrowIfNull(bus);
        var (link, token) = links.Issue(locationId);
        var address = portal.To(ProviderLinks.Path + token);
        ProviderLinkSent? sent = null;
        EmailMessage? mail = null;
        var (_, problem) = await LocationCommands.ChangeAsync(locationId, session, bus, location =>
        {
            if (onlyIf is not null && !onlyIf(location))
            {
                return (null, null);
            }

            var (decided, refused) = Decide(location, link, reason, by, now);
            if (decided is null)
            {
                return (null, refused);
            }

            try
            {
                mail = ProviderLinkMail.For(location, reason, address, link.ExpiresAt);
            }
            catch (ArgumentException)
            {
                return (null, Problem.Conflict(UnusableEmail));
            }

            sent = decided;
            return (decided, null);
        }, ct).ConfigureAwait(false);

        if (sent is not null)
        {
            await bus.PublishAsync(new SendEmail(mail!)).ConfigureAwait(false);
        }

        return (sent, problem);
    }
}

/// <summary>The coordinator e-mails a location a link to confirm or update its own entry.</summary>
public static class SendProviderLinkEndpoint
{
    [WolverinePost("/api/socialmap/locations/{id:guid}/provider-link"), Tags("Sociale kaart")]
    [Authorize(Policy = SchakelPolicies.Coordinator)]
    [EndpointSummary("E-mail the location a signed link to confirm or update its entry without an account (good once, expires; a newer link replaces it)")]
    public static async Task<Results<Ok<ProviderLinkSentView>, ProblemHttpResult>> Post(
        Guid id, HttpContext http, IDocumentSession session, IMessageBus bus, ProviderLinks links, PortalLinks portal, TimeProvider clock, CancellationToken ct)
    {
        var (sent, problem) = await ProviderLinkSending.SendAsync(
            id, ProviderLinkReason.Requested, EntryAuthors.Of(http.User), null, session, bus, links, portal, clock.GetUtcNow(), ct).ConfigureAwait(false);
        return sent is null ? TypedResults.Problem(problem!) : TypedResults.Ok(ProviderLinkSentView.Of(sent));
    }
}
