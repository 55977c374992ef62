namespace Schakel.Consultation.Attachments;

/// <summary>The kinds of file a question may carry.</summary>
public enum AttachmentKind
{
    Pdf,
    Jpeg,
    Png,
}

/// <summary>
/// What a file is, read from its first bytes ("magic numbers"), never from its name or the
/// Content-Type the client declared: a renamed executable or web page stays what it is.
/// </summary>
public static class FileSignature
{
    private static readonly (AttachmentKind Kind, byte[] Magic)[] Known =
    [
        (AttachmentKind.Pdf, "%PDF-"u8.ToArray()),
        (AttachmentKind.Jpeg, [0xFF, 0xD8, 0xFF]),
        (AttachmentKind.Png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    ];

    /// <summary>How many leading bytes <see cref="Detect"/> needs at most.</summary>
    public const int HeaderLength = 8;

    /// <summary>The kind the bytes start with, or null for anything else (including a header cut short).</summary>
    public static AttachmentKind? Detect(ReadOnlySpan<byte> content)
    {
        foreach (var (kind, magic) in Known)
        {
            if (content.StartsWith(magic))
            {
                return kind;
            }
        }

        return null;
    }

    public static string ContentTypeOf(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Pdf => "application/pdf",
        AttachmentKind.Jpeg => "image/jpeg",
        AttachmentKind.Png => "image/png",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ExtensionOf(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Pdf => ".pdf",
        AttachmentKind.Jpeg => ".jpg",
        AttachmentKind.Png => ".png",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
