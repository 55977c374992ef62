using OpenIddict.Abstractions;
using Schakel.BuildingBlocks.Access;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Schakel.Host.Identity;

/// <summary>How Schakel registers OpenID Connect clients: one place for the permissions each kind gets.</summary>
public static class ClientRegistration
{
    /// <summary>A public client (an app that cannot keep a secret): authorization code with PKCE and refresh tokens only.</summary>
    public static OpenIddictApplicationDescriptor PublicApp(string clientId, string displayName, IEnumerable<Uri> redirectUris)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = displayName,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Email,
                Permissions.Prefixes.Scope + Scopes.OfflineAccess,
                Permissions.Prefixes.Scope + SchakelScopes.Consultation,
                Permissions.Prefixes.Scope + SchakelScopes.Referral,
                Permissions.Prefixes.Scope + SchakelScopes.SocialMap,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in redirectUris)
        {
            descriptor.RedirectUris.Add(uri);
        }

        return descriptor;
    }
}
