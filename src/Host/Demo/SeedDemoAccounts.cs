using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Schakel.BuildingBlocks.Access;
using Schakel.Host.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Schakel.Host.Demo;

/// <summary>
/// Demo organisations, accounts (every role, two-factor already enrolled) and integration
/// clients for the demo region. Only ever runs with Schakel:Demo:Seed. Idempotent: what exists
/// is kept, and the logins file is rewritten from the database on every start.
/// </summary>
public static class SeedDemoAccounts
{
    public const string DemoAppClientId = "schakel-demo-app";

    private static readonly Dictionary<string, string> Roles = new(StringComparer.Ordinal)
    {
        ["GeneralPractitioner"] = SchakelRoles.GeneralPractitioner,
        ["PracticeNurse"] = SchakelRoles.PracticeNurse,
        ["Internist"] = SchakelRoles.Internist,
        ["Rheumatologist"] = SchakelRoles.Rheumatologist,
        ["FractureLiaisonNurse"] = SchakelRoles.OsteoporosisNurse,
        ["RegionalCoordinator"] = SchakelRoles.Coordinator,
        ["Administrator"] = SchakelRoles.Administrator,
    };

    public sealed record DemoLogin(string UserName, string Password, string TotpSecret, string Role, string Name, string Organisation);

    public sealed record DemoClient(string ClientId, string ClientSecret, string Organisation, IReadOnlyList<string> Scopes);

    public static async Task<int> SeedAsync(IServiceProvider services, DemoRegion region, DemoOptions options, string? baseUrl, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var store = provider.GetRequiredService<IdentityStore>();
        var users = provider.GetRequiredService<UserManager<CareAccount>>();
        var twoFactor = provider.GetRequiredService<TwoFactor>();
        var clock = provider.GetRequiredService<TimeProvider>();

        var regionOrganisation = await Organisation(store, OrganisationKind.Region, $"Regio {region.Region}", null, null, [], [], ct);
        var hospital = await Organisation(store, OrganisationKind.Hospital, region.Hospital.Name, region.Hospital.AgbCode,
            region.Hospital.Locations.FirstOrDefault()?.City, region.Hospital.Locations.Select(l => l.Name).ToList(),
            [SpecialtyPool.InternalMedicine, SpecialtyPool.Rheumatology], ct);

        await Schakel.Consultation.Pools.OpenConsultationPools.OpenAsync(
            provider.GetRequiredService<Marten.IDocumentStore>(), hospital.Id, hospital.Name, hospital.Pools, ct);

        var created = 0;
        var logins = new List<DemoLogin>();
        foreach (var person in region.Hospital.People)
        {
            var pool = person.Role == "Rheumatologist" ? SpecialtyPool.Rheumatology : SpecialtyPool.InternalMedicine;
            created += await Account(person, hospital, pool, null) ? 1 : 0;
        }

        created += await Account(region.Coordinator, regionOrganisation, null, null) ? 1 : 0;
        created += await Account(region.Admin, regionOrganisation, null, null) ? 1 : 0;

        var firstPractice = (Organisation?)null;
        var practices = new List<(Guid Id, string Name)>();
        foreach (var practice in region.Practices)
        {
            var organisation = await Organisation(store, OrganisationKind.GpPractice, practice.Name, practice.AgbCode, practice.City, [], [], ct);
            firstPractice ??= organisation;
            practices.Add((organisation.Id, organisation.Name));
            var firstGp = (CareAccount?)null;
            foreach (var person in practice.People.OrderBy(p => p.Role == "PracticeNurse"))
            {
                created += await Account(person, organisation, null, person.Role == "PracticeNurse" ? firstGp : null) ? 1 : 0;
                if (person.Role == "GeneralPractitioner")
                {
                    firstGp ??= await users.FindByEmailAsync(person.Email);
                }
            }
        }

        // The region's referral and back-referral agreement, in force and joined by every demo practice.
        var coordinator = await users.FindByEmailAsync(region.Coordinator.Email);
        await Schakel.Referral.Agreements.AgreementsSeeding.EnsureRegionalAgreementAsync(
            provider.GetRequiredService<Marten.IDocumentStore>(), hospital.Id, hospital.Name, coordinator!.Id, coordinator.DisplayName, practices, clock.GetUtcNow(), ct);

        var clients = new List<DemoClient>();
        if (firstPractice is not null)
        {
            clients.Add(await IntegrationClient(provider, firstPractice, options.Password, ct));
        }

        await PublicDemoApp(provider, baseUrl, ct);

        if (!string.IsNullOrWhiteSpace(options.AccountsFile))
        {
            var file = Path.GetFullPath(options.AccountsFile);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { accounts = logins, clients }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }), ct);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return created;

        async Task<bool> Account(DemoPerson person, Organisation organisation, SpecialtyPool? pool, CareAccount? actsFor)
        {
            var role = Roles[person.Role];
            var account = await users.FindByEmailAsync(person.Email);
            var isNew = account is null;
            if (account is null)
            {
                var secret = TwoFactor.NewSecret();
                account = new CareAccount
                {
                    Id = Guid.CreateVersion7(),
                    UserName = person.Email,
                    Email = person.Email,
                    EmailConfirmed = true,
                    DisplayName = person.Name,
                    OrganisationId = organisation.Id,
                    Pool = pool,
                    AgbCode = person.AgbCode,
                    BigNumber = person.BigNumber,
                    ActsOnBehalfOfId = actsFor?.Id,
                    AuthenticatorKey = twoFactor.Protect(secret),
                    TwoFactorEnabled = true,
                    CreatedAt = clock.GetUtcNow(),
                };
                Check(await users.CreateAsync(account, options.Password), person.Email);
                Check(await users.AddToRoleAsync(account, role), person.Email);
            }

            logins.Add(new DemoLogin(person.Email, options.Password, twoFactor.Unprotect(account.AuthenticatorKey!), role, person.Name, organisation.Name));
            return isNew;
        }
    }

    private static async Task<Organisation> Organisation(
        IdentityStore store, OrganisationKind kind, string name, string? agbCode, string? city, List<string> locations, List<SpecialtyPool> pools, CancellationToken ct)
    {
        var existing = await store.Organisations.SingleOrDefaultAsync(o => o.Kind == kind && o.Name == name, ct);
        if (existing is not null)
        {
            return existing;
        }

        var organisation = new Organisation
        {
            Id = Guid.CreateVersion7(), Kind = kind, Name = name, AgbCode = agbCode, City = city, Locations = locations, Pools = pools,
        };
        store.Organisations.Add(organisation);
        await store.SaveChangesAsync(ct);
        return organisation;
    }

    /// <summary>A GP information system of the first practice, with client credentials and every module scope.</summary>
    private static async Task<DemoClient> IntegrationClient(IServiceProvider provider, Organisation practice, string demoPassword, CancellationToken ct)
    {
        var applications = provider.GetRequiredService<IOpenIddictApplicationManager>();
        var clientId = $"his-{practice.AgbCode}";
        var secret = $"{demoPassword}-his";
        if (await applications.FindByClientIdAsync(clientId, ct) is null)
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = secret,
                ClientType = ClientTypes.Confidential,
                DisplayName = $"HIS {practice.Name}",
                Permissions =
                {
                    Permissions.Endpoints.Token,
                    Permissions.GrantTypes.ClientCredentials,
                    Permissions.Prefixes.Scope + SchakelScopes.Consultation,
                    Permissions.Prefixes.Scope + SchakelScopes.Referral,
                    Permissions.Prefixes.Scope + SchakelScopes.SocialMap,
                },
            };
            descriptor.Properties[ConnectEndpoints.OrganisationProperty] = JsonSerializer.SerializeToElement(practice.Id.ToString());
            await applications.CreateAsync(descriptor, ct);
        }

        return new DemoClient(clientId, secret, practice.Name, SchakelScopes.All);
    }

    /// <summary>A public client (authorization code with PKCE) for trying the OpenID Connect flow by hand.</summary>
    private static async Task PublicDemoApp(IServiceProvider provider, string? baseUrl, CancellationToken ct)
    {
        var applications = provider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(DemoAppClientId, ct) is not null || string.IsNullOrEmpty(baseUrl))
        {
            return;
        }

        await applications.CreateAsync(ClientRegistration.PublicApp(DemoAppClientId, "Schakel demo-app", [new Uri(new Uri(baseUrl), "/demo/callback")]), ct);
    }

    private static void Check(IdentityResult result, string who)
    {
        if (!result.Succeeded)
        {
            throw new InvalidDataException($"Demo account {who}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
