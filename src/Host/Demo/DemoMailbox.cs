using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;
using Schakel.BuildingBlocks.Portal;
using Schakel.Host.Notifications.Email.Resources;

namespace Schakel.Host.Demo;

/// <summary>One caught e-mail in the list: its file, to whom, about what, when.</summary>
public sealed record CaughtEmail(string Name, string To, string Subject, DateTimeOffset Date);

/// <summary>One caught e-mail opened: its headers and its text (or, lacking one, its HTML source as text).</summary>
public sealed record CaughtEmailContent(CaughtEmail Email, string From, string Text, bool HtmlOnly);

/// <summary>
/// The e-mail that ./run.sh's local mail catcher keeps as .eml files (Schakel:Demo:MailFolder), for
/// the demo only: with Schakel:Demo:Seed off, or without a folder, there is nothing to show and the
/// pages answer 404. Files are found by name in the folder's own listing, never by a path from a request.
/// </summary>
public sealed partial class DemoMailbox(string? folder)
{
    public const int Limit = 200;

    public bool IsOn => folder is not null;

    public static void Add(WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        var folder = options.Seed && !string.IsNullOrWhiteSpace(options.MailFolder) ? Path.GetFullPath(options.MailFolder) : null;
        builder.Services.AddSingleton(new DemoMailbox(folder));
        if (folder is not null)
        {
            builder.Services.AddSingleton(new PortalNavigationItem("/demo/e-mail", typeof(MailText), "Nav_DemoMail", 95, []));
        }
    }

    /// <summary>The newest e-mail first (at most <see cref="Limit"/>), read from their headers only.</summary>
    public IReadOnlyList<CaughtEmail> List() =>
        Files()
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .ThenByDescending(f => f.Name, StringComparer.Ordinal)
            .Take(Limit)
            .Select(f => Describe(f.Name, HeaderList.Load(f.FullName), f.LastWriteTimeUtc))
            .ToList();

    /// <summary>The e-mail in the file named <paramref name="name"/>, or null when the folder holds no such file.</summary>
    public CaughtEmailContent? Read(string name)
    {
        if (!FileName().IsMatch(name) || Files().FirstOrDefault(f => f.Name == name) is not { } file)
        {
            return null;
        }

        using var message = MimeMessage.Load(file.FullName);
        var email = Describe(file.Name, message.Headers, file.LastWriteTimeUtc);
        var from = string.Join(", ", message.From.Mailboxes.Select(m => m.ToString()));
        return message.TextBody is { } text
            ? new CaughtEmailContent(email, from, text, HtmlOnly: false)
            : new CaughtEmailContent(email, from, message.HtmlBody ?? "", HtmlOnly: true);
    }

    private IEnumerable<FileInfo> Files()
    {
        var directory = new DirectoryInfo(folder ?? throw new InvalidOperationException("The demo mailbox is off."));
        return directory.Exists ? directory.EnumerateFiles("*.eml").Where(f => FileName().IsMatch(f.Name)) : [];
    }

    private static CaughtEmail Describe(string name, HeaderList headers, DateTime written)
    {
        var to = InternetAddressList.TryParse(headers[HeaderId.To] ?? "", out var list)
            ? string.Join(", ", list.Mailboxes.Select(m => m.Address))
            : headers[HeaderId.To] ?? "";
        var date = DateUtils.TryParse(headers[HeaderId.Date] ?? "", out var parsed) ? parsed : new DateTimeOffset(written, TimeSpan.Zero);
        return new CaughtEmail(name, to, Decode(headers, HeaderId.Subject), date);
    }

    private static string Decode(HeaderList headers, HeaderId id)
    {
        var header = headers.FirstOrDefault(h => h.Id == id);
        return header is null ? "" : Rfc2047.DecodeText(header.RawValue).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Trim();
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,200}\.eml$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();
}
