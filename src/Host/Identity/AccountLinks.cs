using Microsoft.AspNetCore.WebUtilities;

namespace Schakel.Host.Identity;

/// <summary>
/// Builds the single-use links of password-reset and invitation e-mails. The account id goes in
/// as base64url, not as a GUID: a GUID's hex groups can hold nine decimal digits that pass the
/// BSN eleven-proof, which the e-mail guard (rightly) refuses.
/// </summary>
public static class AccountLinks
{
    public static Uri For(Uri baseUri, string path, Guid accountId, string token) =>
        new(baseUri, $"{path}?gebruiker={Encode(accountId)}&token={Uri.EscapeDataString(token)}");

    public static string Encode(Guid accountId) => WebEncoders.Base64UrlEncode(accountId.ToByteArray());

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
