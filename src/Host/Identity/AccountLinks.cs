using Schakel.BuildingBlocks.Portal;

namespace Schakel.Host.Identity;

/// <summary>Builds the single-use links of password-reset and invitation e-mails (the account id as a <see cref="LinkIds"/> value).</summary>
public static class AccountLinks
{
    public static Uri For(Uri baseUri, string path, Guid accountId, string token) =>
        new(baseUri, $"{path}?gebruiker={LinkIds.Encode(accountId)}&token={Uri.EscapeDataString(token)}");
}
