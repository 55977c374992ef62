using Schakel.BuildingBlocks.Files;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Transfer;

namespace Schakel.SocialMap.Tests.Transfer;

/// <summary>Import files as a coordinator would write them: a header and rows that differ from a valid one where a test says.</summary>
internal static class CsvFiles
{
    internal static readonly TherapistLocationEntry.Validator Validator = new(ListingATherapistLocation.Areas);

    /// <summary>The editable columns (the export's, without the read-only ones).</summary>
    internal static readonly IReadOnlyList<string> Editable = DirectoryCsv.Columns.Except(DirectoryCsv.ReadOnlyColumns).ToList();

    internal static Dictionary<string, string> AValidRow() => new()
    {
        [DirectoryCsv.Id] = "",
        [DirectoryCsv.PracticeName] = "Fysiotherapie De Reeshof",
        [DirectoryCsv.PracticeAgbCode] = "04123456",
        [DirectoryCsv.LocationAgbCode] = "",
        [DirectoryCsv.Street] = "Bredaseweg",
        [DirectoryCsv.HouseNumber] = "12a",
        [DirectoryCsv.Postcode] = "5038 AB",
        [DirectoryCsv.City] = "Tilburg",
        [DirectoryCsv.Phone] = "013-5441234",
        [DirectoryCsv.Email] = "info@fysio.example.nl",
        [DirectoryCsv.Website] = "",
        [DirectoryCsv.Therapists] = "Anouk de Vries|Physiotherapist|04000001|19012345601;Bram Janssen|ExerciseTherapist|04000002",
        [DirectoryCsv.Offers] = "InBalans;VallenVerledenTijd",
        [DirectoryCsv.Specialisations] = "",
        [DirectoryCsv.Certificates] = "",
        [DirectoryCsv.HomeVisits] = "ja",
        [DirectoryCsv.Languages] = "nl;tr",
        [DirectoryCsv.WheelchairAccessible] = "nee",
        [DirectoryCsv.FundingRoutes] = "BasicInsurance",
        [DirectoryCsv.ContractedInsurers] = "CZ;VGZ",
        [DirectoryCsv.AcceptingPatients] = "ja",
        [DirectoryCsv.WaitingWeeks] = "2",
    };

    internal static Dictionary<string, string> AValidRow(params (string Column, string Value)[] changes)
    {
        var row = AValidRow();
        foreach (var (column, value) in changes)
        {
            row[column] = value;
        }

        return row;
    }

    /// <summary>A file of the editable columns (header row 1, then the rows); null stands for a blank line.</summary>
    internal static string AFile(params Dictionary<string, string>?[] rows) =>
        Csv.Line(Editable) + string.Concat(rows.Select(r => r is null ? "\r\n" : Csv.Line(Editable.Select(c => r[c]))));

    internal static DirectoryFile Read(string text) => DirectoryCsv.Read(text, Validator);
}
