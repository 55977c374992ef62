using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Identity;

namespace Schakel.Testing;

/// <summary>A care provider the tests made, with what a person would know: e-mail, password, authenticator secret.</summary>
public sealed record Person(Guid Id, string Email, string Password, string? TotpSecret, Guid OrganisationId);

/// <summary>
/// Organisations and accounts for tests that sign in for real, made through the same stores the
/// host uses: <paramref name="services"/> are the running host's (an Alba host or the browser
/// tests' Kestrel server).
/// </summary>
public sealed class Given(IServiceProvider services)
{
    public const string APassword = "lange zin als wachtwoord 42";

    public Given(SchakelApp app)
        : this((app ?? throw new ArgumentNullException(nameof(app))).Host.Services)
    {
    }

    public async Task<Guid> APracticeAsync(string name = "Huisartsenpraktijk Test")
    {
        using var scope = services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IdentityStore>();
        var organisation = new Organisation { Id = Guid.CreateVersion7(), Kind = OrganisationKind.GpPractice, Name = name, AgbCode = "01000001" };
        store.Organisations.Add(organisation);
        await store.SaveChangesAsync();
        return organisation.Id;
    }

    public async Task<Guid> ARegionAsync()
    {
        using var scope = services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IdentityStore>();
        var organisation = new Organisation { Id = Guid.CreateVersion7(), Kind = OrganisationKind.Region, Name = "Regio Test" };
        store.Organisations.Add(organisation);
        await store.SaveChangesAsync();
        return organisation.Id;
    }

    public async Task<Guid> AHospitalAsync()
    {
        using var scope = services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IdentityStore>();
        var organisation = new Organisation
        {
            Id = Guid.CreateVersion7(), Kind = OrganisationKind.Hospital, Name = "Testziekenhuis", AgbCode = "06000001",
            Pools = [SpecialtyPool.InternalMedicine, SpecialtyPool.Rheumatology],
        };
        store.Organisations.Add(organisation);
        await store.SaveChangesAsync();
        return organisation.Id;
    }

    /// <summary>
    /// An account with the role; enrolled in two-factor unless <paramref name="enrolled"/> is false.
    /// Its display name is <paramref name="name"/>, or "Test {role}".
    /// </summary>
    public async Task<Person> AnAccountAsync(
        string role, Guid organisationId, bool enrolled = true, Guid? actsOnBehalfOf = null, SpecialtyPool? pool = null, string? name = null)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareAccount>>();
        var twoFactor = scope.ServiceProvider.GetRequiredService<TwoFactor>();
        var email = $"{role}.{Guid.NewGuid():N}@test.example.nl";
        var secret = enrolled ? TwoFactor.NewSecret() : null;
        var account = new CareAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name ?? $"Test {role}",
            OrganisationId = organisationId,
            Pool = pool,
            ActsOnBehalfOfId = actsOnBehalfOf,
            AuthenticatorKey = secret is null ? null : twoFactor.Protect(secret),
            TwoFactorEnabled = secret is not null,
        };
        var created = await users.CreateAsync(account, APassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(account, role)).Succeeded);
        return new Person(account.Id, email, APassword, secret, organisationId);
    }

    /// <summary>
    /// The code the person's authenticator app shows now, or <paramref name="offset"/> later. A code
    /// (time step) is accepted once per account: a second sign-in needs the next step (30 s).
    /// </summary>
    public string CodeFor(Person person, TimeSpan? offset = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        return CodeFor(person.TotpSecret ?? throw new InvalidOperationException($"{person.Email} has no authenticator."), offset);
    }

    /// <summary>The code an authenticator app shows for a base32 secret (for example one read from the enrolment page).</summary>
    public static string CodeFor(string secret, TimeSpan? offset = null)
    {
        var at = DateTime.UtcNow + (offset ?? TimeSpan.Zero);
        return new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(secret)).ComputeTotp(at);
    }
}
