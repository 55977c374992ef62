using Schakel.BuildingBlocks.Files;
using System.Text;
using System.Text.Json;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Transfer;
using static Schakel.SocialMap.Tests.ListingATherapistLocation;

namespace Schakel.SocialMap.Tests.Transfer;

public sealed class ExportingTheDirectory
{
    private static readonly EntryAuthor Importer = new(EntrySource.Import, Guid.CreateVersion7(), "Coördinator Sanne");

    /// <summary>Every field filled, with the characters a CSV and its lists must survive.</summary>
    private static TherapistLocation AFullLocation() => AListedLocation(new TherapistLocationEntry(
        "Fysio \"De Hoek\", Tilburg; Centrum",
        "04123456",
        "Ringbaan-West",
        "5 | 7",
        "5038ab",
        "Tilburg",
        "+31 13 544 1234",
        "info@dehoek.example.nl",
        [new TherapistEntry("=Anouk | de Vries", TherapistDiscipline.Physiotherapist, "04000001", "19012345601"),
         new TherapistEntry("Hanna Kok; MSc", TherapistDiscipline.OccupationalTherapist, "26000002", null),
         new TherapistEntry(@"Bram\Janssen", TherapistDiscipline.ExerciseTherapist, "04000003", null)],
        [FallsPreventionOffer.VallenVerledenTijd, FallsPreventionOffer.HomeSafetyAssessment],
        "04999999",
        "https://dehoek.example.nl/valpreventie?a=1&b=2",
        ["Osteoporose; vallen", "Geriatrie\r\n(ouderen)"],
        ["Otago-instructeur", "@certificaat"],
        true,
        ["tr", "ar", "nl"],
        true,
        [FundingRoute.Municipality, FundingRoute.BasicInsurance],
        ["CZ", "Menzis|VGZ"],
        false,
        12));

    private static string Json(LocationDetails details) => JsonSerializer.Serialize(details);

    [Fact]
    public void export_then_import_yields_the_same_entries_and_changes_nothing()
    {
        var locations = new[] { AFullLocation(), AListedLocation(), AListedLocation(ARequest(postcode: "5211 AA")) };

        var file = DirectoryCsv.Read(Encoding.UTF8.GetBytes(DirectoryCsv.Write(locations)), CsvFiles.Validator);

        Assert.Empty(file.FileErrors);
        Assert.All(file.Rows, r => Assert.True(r.IsValid, string.Join("; ", r.Errors)));
        Assert.Equal(locations.Select(l => (Guid?)l.Id), file.Rows.Select(r => r.LocationId));
        Assert.Equal(locations.Select(l => Json(l.Details)), file.Rows.Select(r => Json(r.Entry!.ToDetails())));
        var plan = ImportDirectoryEndpoint.Decide(file, locations.ToDictionary(l => l.Id), false, Areas, Importer, Now);
        Assert.All(plan.Steps, s => Assert.Equal(ImportOutcome.Unchanged, s.Outcome));
    }

    [Fact]
    public void the_export_starts_with_a_byte_order_mark_and_the_header_and_speaks_enum_names_and_ja_nee()
    {
        var location = AFullLocation();

        var records = Csv.Read(DirectoryCsv.Write([location]));
        var text = DirectoryCsv.Write([location]);

        Assert.Equal('\uFEFF', text[0]);
        Assert.Equal(DirectoryCsv.Columns, records[0].Cells);
        var row = DirectoryCsv.Columns.Zip(records[1].Cells).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(location.Id.ToString(), row[DirectoryCsv.Id]);
        Assert.Equal("VallenVerledenTijd;HomeSafetyAssessment", row[DirectoryCsv.Offers]);
        Assert.Equal("BasicInsurance;Municipality", row[DirectoryCsv.FundingRoutes]);
        Assert.Equal(("ja", "ja", "nee", "12"), (row[DirectoryCsv.HomeVisits], row[DirectoryCsv.WheelchairAccessible], row[DirectoryCsv.AcceptingPatients], row[DirectoryCsv.WaitingWeeks]));
        Assert.Equal(("2026-11-23", "Tilburg"), (row[DirectoryCsv.LastVerifiedAt], row[DirectoryCsv.Municipality]));
        Assert.Equal(@"'=Anouk \| de Vries|Physiotherapist|04000001|19012345601;Hanna Kok\; MSc|OccupationalTherapist|26000002;Bram\\Janssen|ExerciseTherapist|04000003",
            row[DirectoryCsv.Therapists]);
    }

    [Fact]
    public void a_cell_a_spreadsheet_would_run_as_a_formula_is_guarded()
    {
        var row = DirectoryCsv.Cells(AFullLocation());

        Assert.Equal("'+31 13 544 1234", row[DirectoryCsv.Columns.ToList().IndexOf(DirectoryCsv.Phone)]);
        Assert.Equal("Otago-instructeur;@certificaat", row[DirectoryCsv.Columns.ToList().IndexOf(DirectoryCsv.Certificates)]);
    }

    [Fact]
    public void the_file_is_named_after_the_dutch_day()
    {
        Assert.Equal("sociale-kaart-2026-11-24.csv", ExportDirectoryEndpoint.FileName(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero)));
    }
}
