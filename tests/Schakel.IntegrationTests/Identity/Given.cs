using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Identity;
using Schakel.Testing;

namespace Schakel.IntegrationTests.Identity;

/// <summary>A care provider the tests made, with what a person would know: e-mail, password, authenticator secret.</summary>
public sealed record Person(Guid Id, string Email, string Password, string? TotpSecret, Guid OrganisationId);

/// <summary>Organisations and accounts for identity tests, made through the same stores the host uses.</summary>
public sealed class Given(SchakelApp app)
{
    public const string APassword = "lange zin als wachtwoord 42";

    public async Task<Guid> APracticeAsync(string name = "Huisartsenpraktijk Test")
    {
        using var scope = app.Host.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IdentityStore>();
        var organisation = new Organisation { Id = Guid.CreateVersion7(), Kind = OrganisationKind.GpPractice, Name = name, AgbCode = "01000001" };
        store.Organisations.Add(organisation);
        await store.SaveChangesAsync();
        return organisation.Id;
    }

    public async Task<Guid> AHospitalAsync()
    {
        using var scope = app.Host.Services.CreateScope();
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

    /// <summary>An account with the role; enrolled in two-factor unless <paramref name="enrolled"/> is false.</summary>
    public async Task<Person> AnAccountAsync(string role, Guid organisationId, bool enrolled = true, Guid? actsOnBehalfOf = null, SpecialtyPool? pool = null)
    {
        using var scope = app.Host.Services.CreateScope();
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
            DisplayName = $"Test {role}",
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

    public string CodeFor(Person person, TimeSpan? offset = null)
    {
        var at = DateTime.UtcNow + (offset ?? TimeSpan.Zero);
        return new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(person.TotpSecret!)).ComputeTotp(at);
    }
}
