using System.Text.RegularExpressions;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Schakel.SocialMap.Contracts;

namespace Schakel.SocialMap.Directory;

/// <summary>One therapist row of the location form; a row left wholly empty is no therapist.</summary>
public sealed class TherapistRow
{
    public string? Name { get; set; }

    public TherapistDiscipline? Discipline { get; set; }

    public string? AgbCode { get; set; }

    public string? BigNumber { get; set; }

    public bool IsBlank =>
        string.IsNullOrWhiteSpace(Name) && Discipline is null && string.IsNullOrWhiteSpace(AgbCode) && string.IsNullOrWhiteSpace(BigNumber);
}

/// <summary>
/// The portal's form over <see cref="TherapistLocationEntry"/>: the coordinator's new and edit pages
/// fill all of it, the provider's own page (by link) the part she keeps; the same entry, validator
/// and Dutch messages as the API, each shown next to its field. Lists of names are typed one per line.
/// </summary>
public sealed partial class LocationForm
{
    /// <summary>Empty therapist rows offered below the filled ones.</summary>
    public const int EmptyTherapistRows = 2;

    /// <summary>A row with a name but no discipline chosen: not a discipline, so the entry's validator says which to choose.</summary>
    private const TherapistDiscipline NoDisciplineChosen = (TherapistDiscipline)(-1);

    public string? PracticeName { get; set; }

    public string? PracticeAgbCode { get; set; }

    public string? LocationAgbCode { get; set; }

    public string? Street { get; set; }

    public string? HouseNumber { get; set; }

    public string? Postcode { get; set; }

    public string? City { get; set; }

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

    /// <summary>A new location's form: Dutch-speaking and accepting patients until the coordinator says otherwise.</summary>
    public static LocationForm New() => new LocationForm { Languages = ["nl"], AcceptingPatients = true }.WithEmptyRows();

    public static LocationForm Of(LocationDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new LocationForm
        {
            PracticeName = details.PracticeName,
            PracticeAgbCode = details.PracticeAgbCode,
            LocationAgbCode = details.LocationAgbCode,
            Street = details.Address.Street,
            HouseNumber = details.Address.HouseNumber,
            Postcode = details.Address.Postcode,
            City = details.Address.City,
            Phone = details.Phone,
            Email = details.Email,
            Website = details.Website,
            Therapists = details.Therapists
                .Select(t => new TherapistRow { Name = t.Name, Discipline = t.Discipline, AgbCode = t.AgbCode, BigNumber = t.BigNumber }).ToList(),
            Offers = [.. details.Offers],
            Specialisations = Lines(details.Specialisations),
            Certificates = Lines(details.Certificates),
            HomeVisits = details.HomeVisits,
            Languages = [.. details.Languages],
            WheelchairAccessible = details.WheelchairAccessible,
            FundingRoutes = [.. details.FundingRoutes],
            ContractedInsurers = Lines(details.ContractedInsurers),
            AcceptingPatients = details.AcceptingPatients,
            WaitingWeeks = details.WaitingWeeks,
        }.WithEmptyRows();
    }

    /// <summary>The filled rows again, plus empty ones to add therapists (after a refused post too).</summary>
    public LocationForm WithEmptyRows()
    {
        Therapists = [.. Therapists.Where(t => !t.IsBlank), .. Enumerable.Range(0, EmptyTherapistRows).Select(_ => new TherapistRow())];
        return this;
    }

    /// <summary>The entry as the API would receive it; <see cref="RowOf"/> maps its therapists back to the form's rows.</summary>
    public TherapistLocationEntry ToEntry() => new(
        PracticeName ?? "",
        PracticeAgbCode ?? "",
        Street ?? "",
        HouseNumber ?? "",
        Postcode ?? "",
        City ?? "",
        Phone,
        Email,
        FilledRows().Select(r => new TherapistEntry(r.Row.Name ?? "", r.Row.Discipline ?? NoDisciplineChosen, r.Row.AgbCode ?? "", r.Row.BigNumber)).ToList(),
        Offers.Distinct().ToList(),
        LocationAgbCode,
        Website,
        Split(Specialisations),
        Split(Certificates),
        HomeVisits,
        Languages.Distinct(StringComparer.Ordinal).ToList(),
        WheelchairAccessible,
        FundingRoutes.Distinct().ToList(),
        Split(ContractedInsurers),
        AcceptingPatients,
        WaitingWeeks);

    /// <summary>
    /// The entry as the provider states it: her part from this form; the practice's name, AGB codes and
    /// address as recorded in <paramref name="recorded"/> (a move or a new practice goes through the coordinator).
    /// </summary>
    public TherapistLocationEntry ToEntry(LocationDetails recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return ToEntry() with
        {
            PracticeName = recorded.PracticeName,
            PracticeAgbCode = recorded.PracticeAgbCode,
            LocationAgbCode = recorded.LocationAgbCode,
            Street = recorded.Address.Street,
            HouseNumber = recorded.Address.HouseNumber,
            Postcode = recorded.Address.Postcode,
            City = recorded.Address.City,
        };
    }

    /// <summary>
    /// Where the provider's page shows a failure of <see cref="ToEntry(LocationDetails)"/>: next to a field
    /// she keeps, or (empty key) above the form for the recorded parts she cannot change there.
    /// </summary>
    public string ProviderFieldOf(string property, string prefix)
    {
        ArgumentNullException.ThrowIfNull(property);
        return ProviderKeeps.Contains(property.Split('[', '.')[0])
            ? $"{prefix}.{FieldOf(property, FilledRows().Select(r => r.Index).ToList())}"
            : "";
    }

    private static readonly HashSet<string> ProviderKeeps =
    [
        nameof(Phone), nameof(Email), nameof(Website), nameof(Therapists), nameof(Offers), nameof(Specialisations), nameof(Certificates),
        nameof(HomeVisits), nameof(Languages), nameof(WheelchairAccessible), nameof(FundingRoutes), nameof(ContractedInsurers),
        nameof(AcceptingPatients), nameof(WaitingWeeks),
    ];

    /// <summary>Puts each validation failure next to its field of this form (under <paramref name="prefix"/>).</summary>
    public void AddErrors(ModelStateDictionary modelState, IEnumerable<ValidationFailure> failures, string prefix)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(failures);
        var rows = FilledRows().Select(r => r.Index).ToList();
        foreach (var failure in failures)
        {
            modelState.AddModelError($"{prefix}.{FieldOf(failure.PropertyName, rows)}", failure.ErrorMessage);
        }
    }

    /// <summary>"Therapists[1].AgbCode" of the entry is the form's row of that therapist; "Offers[0]" is the offers' field.</summary>
    private static string FieldOf(string property, IReadOnlyList<int> rows)
    {
        var therapist = TherapistProperty().Match(property);
        if (therapist.Success && int.TryParse(therapist.Groups["index"].Value, out var index) && index < rows.Count)
        {
            return $"Therapists[{rows[index]}].{therapist.Groups["field"].Value}";
        }

        return ListIndex().Replace(property, "");
    }

    private IEnumerable<(int Index, TherapistRow Row)> FilledRows() =>
        Therapists.Select((row, index) => (index, row)).Where(r => !r.row.IsBlank);

    private static List<string> Split(string? lines) =>
        (lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string Lines(IReadOnlyList<string> items) => string.Join('\n', items);

    [GeneratedRegex(@"^Therapists\[(?<index>[0-9]+)\]\.(?<field>\w+)$")]
    private static partial Regex TherapistProperty();

    [GeneratedRegex(@"\[[0-9]+\]")]
    private static partial Regex ListIndex();
}
