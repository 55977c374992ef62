using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Schakel.Host.Identity;

/// <summary>
/// Gives the OpenID Connect server signing and encryption certificates that survive restarts and
/// are shared by every host: created once, stored protected in identity.server_credentials.
/// </summary>
public sealed class ServerCredentials(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock)
    : IConfigureOptions<OpenIddictServerOptions>
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    private readonly IDataProtector _protector = protection.CreateProtector("Schakel.Identity.ServerCredentials.v1");

    public void Configure(OpenIddictServerOptions options)
    {
        // Options are built once, on the first request that needs the server; the schema exists by then.
        var signing = LoadOrCreate(Signing, X509KeyUsageFlags.DigitalSignature);
        var encryption = LoadOrCreate(Encryption, X509KeyUsageFlags.KeyEncipherment);
        options.SigningCredentials.Add(new Microsoft.IdentityModel.Tokens.SigningCredentials(
            new Microsoft.IdentityModel.Tokens.X509SecurityKey(signing), Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Add(new Microsoft.IdentityModel.Tokens.EncryptingCredentials(
            new Microsoft.IdentityModel.Tokens.X509SecurityKey(encryption),
            Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaOAEP,
            Microsoft.IdentityModel.Tokens.SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private X509Certificate2 LoadOrCreate(string purpose, X509KeyUsageFlags usage)
    {
        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IdentityStore>();
        var existing = store.ServerCredentials.AsNoTracking().SingleOrDefault(c => c.Purpose == purpose);
        if (existing is null)
        {
            store.ServerCredentials.Add(new ServerCredential
            {
                Purpose = purpose,
                Protected = _protector.Protect(Create(purpose, usage).Export(X509ContentType.Pkcs12)),
                CreatedAt = clock.GetUtcNow(),
            });
            try
            {
                store.SaveChanges();
            }
            catch (DbUpdateException)
            {
                // Another host created it first: use theirs.
            }

            existing = store.ServerCredentials.AsNoTracking().Single(c => c.Purpose == purpose);
        }

        return X509CertificateLoader.LoadPkcs12(_protector.Unprotect(existing.Protected), null, X509KeyStorageFlags.EphemeralKeySet);
    }

    private X509Certificate2 Create(string purpose, X509KeyUsageFlags usage)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest($"CN=Schakel OpenID Connect {purpose}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        var now = clock.GetUtcNow();
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(5));
    }
}
