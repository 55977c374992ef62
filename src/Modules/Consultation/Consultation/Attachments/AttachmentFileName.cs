using System.Text;

namespace Schakel.Consultation.Attachments;

/// <summary>
/// The name an attachment is shown and downloaded under. Only a display name is kept: no path, no
/// control characters or quotes, at most <see cref="MaxLength"/> characters, and the extension of
/// the detected kind. It may hold patient data: it is never logged and never put in a URL.
/// </summary>
public static class AttachmentFileName
{
    public const int MaxLength = 120;

    public static string Clean(string? offered, AttachmentKind kind)
    {
        var extension = FileSignature.ExtensionOf(kind);
        var name = offered ?? "";
        // Browsers and clients send "C:\scans\x.pdf" or "../x.pdf": keep what follows the last separator.
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var kept = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (!char.IsControl(c) && c is not ('"' or '\'' or '`') && char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Surrogate))
            {
                kept.Append(c);
            }
        }

        var stem = kept.ToString().Trim();
        var dot = stem.LastIndexOf('.');
        if (dot >= 0)
        {
            stem = stem[..dot];
        }

        stem = stem.Trim().TrimEnd('.').Trim();
        if (stem.Length == 0)
        {
            stem = "bijlage";
        }

        var room = MaxLength - extension.Length;
        return (stem.Length > room ? stem[..room].TrimEnd() : stem) + extension;
    }
}
