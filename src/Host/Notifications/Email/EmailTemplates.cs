using System.Globalization;
using System.Net;
using Schakel.BuildingBlocks.Notifications;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Schakel.Host.Notifications.Email;

/// <summary>A password-reset e-mail: the link and how long it works.</summary>
public sealed record PasswordResetEmail(Uri ResetLink, TimeSpan ValidFor);

/// <summary>An invitation: who invites, for which organisation, the link to set a password, and until when.</summary>
public sealed record InvitationEmail(string InvitedBy, string OrganisationName, Uri SetPasswordLink, DateTimeOffset ExpiresAt);

/// <summary>A consultation question is waiting: which checkpoint, for whom, due when, and the link to it.</summary>
/// <param name="Claimed">The recipient holds the question (else she is one of the pool).</param>
/// <param name="Elapsed">"De helft" or "80%": how much of the promised time has passed.</param>
public sealed record ConsultationReminderEmail(bool Claimed, string Elapsed, string Pool, bool Urgent, DateTimeOffset DueAt, Uri Link);

/// <summary>A consultation question broke its response promise.</summary>
public sealed record ConsultationLateEmail(bool Claimed, string Pool, bool Urgent, DateTimeOffset DueAt, Uri Link);

/// <summary>A notification from the centre by e-mail: its Dutch title (no patient data), the link that opens it, and where to change the choice.</summary>
public sealed record NotificationEmail(string Title, Uri Link, Uri PreferencesLink);

/// <summary>
/// Renders the host's e-mails from the Dutch Scriban templates embedded in this assembly
/// (Notifications/Email/Templates/{name}.{subject|text|html}.sbn). Values reach the templates as
/// text; in the HTML part every value is HTML-encoded by the rendering context itself, so a
/// template cannot forget it (and must not add <c>html.escape</c>, which would encode twice).
/// </summary>
public sealed class EmailTemplates
{
    internal const string ResourcePrefix = "EmailTemplates/";

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    private readonly Dictionary<string, Template> _templates;
    private readonly TimeZoneInfo _timeZone;

    public EmailTemplates()
    {
        var assembly = typeof(EmailTemplates).Assembly;
        _templates = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sbn", StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..^".sbn".Length], n => Parse(assembly, n));
        _timeZone = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Amsterdam", out var amsterdam) ? amsterdam : TimeZoneInfo.Utc;
    }

    public EmailMessage PasswordReset(string toAddress, string? toName, PasswordResetEmail email)
    {
        RequireWebLink(email.ResetLink, nameof(email.ResetLink));
        return Render("password-reset", toAddress, toName, new Dictionary<string, object?>
        {
            ["link"] = email.ResetLink.AbsoluteUri,
            ["valid_minutes"] = ((int)Math.Ceiling(email.ValidFor.TotalMinutes)).ToString(Dutch),
        });
    }

    public EmailMessage Invitation(string toAddress, string? toName, InvitationEmail email)
    {
        RequireWebLink(email.SetPasswordLink, nameof(email.SetPasswordLink));
        return Render("invitation", toAddress, toName, new Dictionary<string, object?>
        {
            ["invited_by"] = OneLine(email.InvitedBy),
            ["organisation"] = OneLine(email.OrganisationName),
            ["link"] = email.SetPasswordLink.AbsoluteUri,
            ["expires"] = Moment(email.ExpiresAt),
        });
    }

    public EmailMessage ConsultationReminder(string toAddress, string? toName, ConsultationReminderEmail email)
    {
        RequireWebLink(email.Link, nameof(email.Link));
        return Render("consultation-reminder", toAddress, toName, new Dictionary<string, object?>
        {
            ["claimed"] = email.Claimed,
            ["elapsed"] = email.Elapsed,
            ["pool"] = email.Pool,
            ["urgent"] = email.Urgent,
            ["due"] = Moment(email.DueAt),
            ["link"] = email.Link.AbsoluteUri,
        });
    }

    /// <summary>The late alert: to the pool's osteoporosis nurse (<paramref name="toCoordinator"/>), or to the GP who asked.</summary>
    public EmailMessage ConsultationLate(string toAddress, string? toName, bool toCoordinator, ConsultationLateEmail email)
    {
        RequireWebLink(email.Link, nameof(email.Link));
        return Render(toCoordinator ? "consultation-late-coordinator" : "consultation-late-gp", toAddress, toName, new Dictionary<string, object?>
        {
            ["claimed"] = email.Claimed,
            ["pool"] = email.Pool,
            ["urgent"] = email.Urgent,
            ["due"] = Moment(email.DueAt),
            ["link"] = email.Link.AbsoluteUri,
        });
    }

    /// <summary>One notification, sent because the recipient chose e-mail for its kind (docs/adr/0020).</summary>
    public EmailMessage Notification(string toAddress, string? toName, NotificationEmail email)
    {
        RequireWebLink(email.Link, nameof(email.Link));
        RequireWebLink(email.PreferencesLink, nameof(email.PreferencesLink));
        return Render("notification", toAddress, toName, new Dictionary<string, object?>
        {
            ["title"] = OneLine(email.Title),
            ["link"] = email.Link.AbsoluteUri,
            ["preferences_link"] = email.PreferencesLink.AbsoluteUri,
        });
    }

    /// <summary>The daily digest: the titles of her notifications with their links (docs/adr/0020).</summary>
    public EmailMessage NotificationDigest(string toAddress, string? toName, Preferences.DigestEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        RequireWebLink(email.PreferencesLink, nameof(email.PreferencesLink));
        var items = new ScriptArray();
        foreach (var (title, link) in email.Items)
        {
            RequireWebLink(link, nameof(email.Items));
            items.Add(new ScriptObject { ["title"] = OneLine(title), ["link"] = link.AbsoluteUri });
        }

        return Render("notification-digest", toAddress, toName, new Dictionary<string, object?>
        {
            ["items"] = items,
            ["count"] = items.Count.ToString(Dutch),
            ["preferences_link"] = email.PreferencesLink.AbsoluteUri,
        });
    }

    private string Moment(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _timeZone).ToString("dddd d MMMM yyyy 'om' HH:mm", Dutch);

    private EmailMessage Render(string name, string toAddress, string? toName, Dictionary<string, object?> values)
    {
        values["name"] = toName is null ? null : OneLine(toName);
        var subject = OneLine(RenderPart($"{name}.subject", values, html: false));
        values["subject"] = subject;
        return new EmailMessage(
            toAddress,
            toName,
            subject,
            RenderPart($"{name}.text", values, html: false),
            RenderPart($"{name}.html", values, html: true));
    }

    private string RenderPart(string part, Dictionary<string, object?> values, bool html)
    {
        var globals = new ScriptObject();
        foreach (var (key, value) in values)
        {
            globals.Add(key, value);
        }

        var context = html ? new HtmlEncodingContext() : new TemplateContext();
        context.StrictVariables = true; // a misspelt variable fails loudly instead of rendering nothing
        context.EnableRelaxedMemberAccess = false;
        context.PushGlobal(globals);
        return _templates[part].Render(context);
    }

    private static Template Parse(System.Reflection.Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd(), resource);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"E-mail template {resource}: {string.Join("; ", template.Messages)}");
        }

        return template;
    }

    private static void RequireWebLink(Uri link, string name)
    {
        if (!link.IsAbsoluteUri || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("An e-mail links only to an absolute http(s) address.", name);
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    /// <summary>Every value an expression writes is HTML-encoded; the template's own markup is not.</summary>
    private sealed class HtmlEncodingContext : TemplateContext
    {
        public override TemplateContext Write(SourceSpan span, object? textAsObject)
        {
            if (textAsObject is null)
            {
                return this;
            }

            var text = ObjectToString(textAsObject);
            return text is null ? this : Write(WebUtility.HtmlEncode(text));
        }
    }
}
