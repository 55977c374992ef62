using Microsoft.AspNetCore.WebUtilities;

namespace Schakel.BuildingBlocks.Portal;

/// <summary>
/// An id as it travels in an e-mailed link: base64url, not a GUID. A GUID's hex groups can hold
/// nine decimal digits that pass the BSN eleven-proof, which the e-mail guard (rightly) refuses.
/// </summary>
public static class LinkIds
{
    public static string Encode(Guid id) => WebEncoders.Base64UrlEncode(id.ToByteArray());

    public static Guid? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length != 22)
        {
            return null;
        }

        try
        {
            return new Guid(WebEncoders.Base64UrlDecode(value));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
