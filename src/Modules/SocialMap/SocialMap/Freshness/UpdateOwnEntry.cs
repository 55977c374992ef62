using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Schakel.BuildingBlocks.Problems;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Geography;

namespace Schakel.SocialMap.Freshness;

/// <summary>One therapist row of the provider's form; a row left empty is no therapist.</summary>
public sealed class TherapistRow
{
    public string? Name { get; set; }

    public TherapistDiscipline Discipline { get; set; }

    public string? AgbCode { get; set; }

    public string? BigNumber { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(AgbCode) && string.IsNullOrWhiteSpace(BigNumber);
}

/// <summary>
/// What a provider keeps of her entry, as her form posts it: contact, offers, therapists and
/// availability. The practice's name, AGB codes and address stay as the coordinator recorded them
/// (a move or a new practice goes through her); lists of texts come one per line.
/// </summary>
public sealed class ProviderEntryForm
{
    /// <summary>Empty rows the form offers for therapists who joined.</summary>
    public const int NewTherapistRows = 2;

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Website { get; set; }

    public List<TherapistRow> Therapists { get; set; } = [];

    public List<FallsPreventionOffer> Offers { get; set; } = [];

    public string? Specialisations { get; set; }

    public string? Certificates { get; set; }

    public bool HomeVisits { get; set; }

    public List<string> Languages { get; set; } = [];

    public bool WheelchairAccessible { get; set; }

    public List<FundingRoute> FundingRoutes { get; set; } = [];

    public string? ContractedInsurers { get; set; }

    public bool AcceptingPatients { get; set; }

    public int? WaitingWeeks { get; set; }

    /// <summary>The form filled in from the entry as it is, with empty rows for new therapists.</summary>
    public static ProviderEntryForm Of(LocationDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new ProviderEntryForm
        {
            Phone = details.Phone,
            Email = details.Email,
            Website = details.Website,
            Therapists =
            [
                .. details.Therapists.Select(t => new TherapistRow { Name = t.Name, Discipline = t.Discipline, AgbCode = t.AgbCode, BigNumber = t.BigNumber }),
                .. Enumerable.Range(0, NewTherapistRows).Select(_ => new TherapistRow()),
            ],
            Offers = [.. details.Offers],
            Specialisations = string.Join('\n', details.Specialisations),
            Certificates = string.Join('\n', details.Certificates),
            HomeVisits = details.HomeVisits,
            Languages = [.. details.Languages],
            WheelchairAccessible = details.WheelchairAccessible,
            FundingRoutes = [.. details.FundingRoutes],
            ContractedInsurers = string.Join('\n', details.ContractedInsurers),
            AcceptingPatients = details.AcceptingPatients,
            WaitingWeeks = details.WaitingWeeks,
        };
    }

    /// <summary>The indices of the rows that name a therapist, in the order the entry lists them.</summary>
    public IReadOnlyList<int> FilledTherapistRows() =>
        Therapists.Select((row, index) => (row, index)).Where(r => !r.row.IsEmpty).Select(r => r.index).ToList();

    /// <summary>The whole entry as the provider states it: her fields, and the rest as recorded in <paramref name="current"/>.</summary>
    public TherapistLocationEntry ToEntry(LocationDetails current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return new TherapistLocationEntry(
            current.PracticeName,
            current.PracticeAgbCode,
            current.Address.Street,
            current.Address.HouseNumber,
            current.Address.Postcode,
            current.Address.City,
            Phone,
            Email?.Trim(),
            FilledTherapistRows().Select(i => Therapists[i])
                .Select(t => new TherapistEntry(t.Name ?? "", t.Discipline, t.AgbCode ?? "", t.BigNumber)).ToList(),
            Offers,
            current.LocationAgbCode,
            Website,
            Lines(Specialisations),
            Lines(Certificates),
            HomeVisits,
            Languages,
            WheelchairAccessible,
            FundingRoutes,
            Lines(ContractedInsurers),
            AcceptingPatients,
            WaitingWeeks);
    }

    /// <summary>
    /// Where the form shows an error the entry's validator found: next to the field the provider
    /// filled in (therapist rows by their place on the form), or above the form for the parts she
    /// cannot change here (then the coordinator must help).
    /// </summary>
    public string FieldOf(string property, string prefix)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (property.StartsWith(nameof(Therapists) + "[", StringComparison.Ordinal))
        {
            var close = property.IndexOf(']', StringComparison.Ordinal);
            var rows = FilledTherapistRows();
            if (int.TryParse(property.AsSpan(nameof(Therapists).Length + 1, close - nameof(Therapists).Length - 1), out var k) && k < rows.Count)
            {
                return $"{prefix}.{nameof(Therapists)}[{rows[k]}]{property[(close + 1)..]}";
            }
        }

        var root = property.Split('[', '.')[0];
        return Editable.Contains(root) ? $"{prefix}.{root}" : "";
    }

    private static readonly HashSet<string> Editable =
    [
        nameof(Phone), nameof(Email), nameof(Website), nameof(Therapists), nameof(Offers), nameof(Specialisations), nameof(Certificates),
        nameof(HomeVisits), nameof(Languages), nameof(WheelchairAccessible), nameof(FundingRoutes), nameof(ContractedInsurers),
        nameof(AcceptingPatients), nameof(WaitingWeeks),
    ];

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

/// <summary>
/// The provider confirms or changes her own entry through her link. Both decisions first check the
/// link against the entry loaded for writing (only the open link may be used, once), then take the
/// same decision a coordinator's verify or revise takes, as the provider and with the link's id.
/// </summary>
public static class UpdateOwnEntry
{
    /// <summary>"Alles klopt nog": the entry is verified by its provider.</summary>
    public static (object? Change, ProblemDetails? Problem) Verify(TherapistLocation location, ProviderLink link, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(location);
        return ProviderLinks.Check(link, location) is { } refused
            ? (null, ProviderLinks.ProblemOf(refused))
            : VerifyTherapistLocationEndpoint.Decide(location, EntryAuthors.Provider(location), now, link.LinkId);
    }

    /// <summary>
    /// "Wijzigingen opslaan": the provider's statement, validated as any entry (400 with the
    /// validator's field names), becomes a revision that also verifies the entry; unchanged, it
    /// verifies it.
    /// </summary>
    public static (object? Change, ProblemDetails? Problem) Revise(
        TherapistLocation location, ProviderLink link, ProviderEntryForm form, IValidator<TherapistLocationEntry> validator, PostcodeAreas areas, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(validator);
        if (ProviderLinks.Check(link, location) is { } refused)
        {
            return (null, ProviderLinks.ProblemOf(refused));
        }

        var entry = form.ToEntry(location.Details);
        var result = validator.Validate(entry);
        return result.IsValid
            ? ReviseTherapistLocationEndpoint.Decide(location, entry, areas, EntryAuthors.Provider(location), now, link.LinkId)
            : (null, Problem.Invalid(result.ToDictionary()));
    }
}
