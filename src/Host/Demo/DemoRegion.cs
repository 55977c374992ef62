using System.Text.Json;
using System.Text.Json.Serialization;
using Schakel.SocialMap.Directory;

namespace Schakel.Host.Demo;

public sealed class DemoOptions
{
    public const string Section = "Schakel:Demo";

    /// <summary>Seed the fictitious Midden-Brabant demo region on start when the database has none.</summary>
    public bool Seed { get; set; }

    public string File { get; set; } = Path.Combine(AppContext.BaseDirectory, "Demo", "demo-region.json");

    /// <summary>The one password of every demo account (demo mode only).</summary>
    public string Password { get; set; } = "Schakel-demo-2026!";

    /// <summary>Where to write the demo logins (user, password, TOTP secret, role, organisation) for scripts; none when empty.</summary>
    public string? AccountsFile { get; set; }

    /// <summary>
    /// The folder where ./run.sh's local mail catcher keeps every e-mail as an .eml file; with
    /// <see cref="Seed"/> the portal lists them at /demo/e-mail. None when empty.
    /// </summary>
    public string? MailFolder { get; set; }
}

/// <summary>The fictitious demo region (src/Host/Demo/demo-region.json).</summary>
public sealed record DemoRegion(
    string Region,
    DemoHospital Hospital,
    DemoPerson Coordinator,
    DemoPerson Admin,
    IReadOnlyList<DemoPractice> Practices,
    IReadOnlyList<TherapistLocationEntry> TherapistLocations)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>Everyone who gets a demo login.</summary>
    public IEnumerable<DemoPerson> People =>
        Hospital.People.Append(Coordinator).Append(Admin).Concat(Practices.SelectMany(p => p.People));

    public static async Task<DemoRegion> LoadAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<DemoRegion>(stream, Json, ct)
            ?? throw new InvalidDataException($"The demo region file {path} is empty.");
    }
}

public sealed record DemoHospital(string Name, string AgbCode, IReadOnlyList<DemoLocation> Locations, IReadOnlyList<string> Pools, IReadOnlyList<DemoPerson> People);

public sealed record DemoLocation(string Name, string Street, string HouseNumber, string Postcode, string City);

public sealed record DemoPractice(
    string Name, string AgbCode, string Street, string HouseNumber, string Postcode, string City, string? Phone, string? Email, IReadOnlyList<DemoPerson> People);

public sealed record DemoPerson(string Name, string Role, string Email, string? AgbCode = null, string? BigNumber = null);
