using Schakel.BuildingBlocks.Files;
using System.Text;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;
using Schakel.SocialMap.Transfer;
using static Schakel.SocialMap.Tests.Transfer.CsvFiles;

namespace Schakel.SocialMap.Tests.Transfer;

public sealed class ReadingTheDirectoryCsv
{
    [Fact]
    public void a_valid_row_becomes_the_entry_it_describes()
    {
        var file = Read(AFile(AValidRow()));

        Assert.Empty(file.FileErrors);
        var row = Assert.Single(file.Rows);
        Assert.True(row.IsValid, string.Join("; ", row.Errors));
        Assert.Equal(2, row.Row);
        Assert.Null(row.LocationId);
        var entry = row.Entry!;
        Assert.Equal(("Fysiotherapie De Reeshof", "04123456", "Bredaseweg", "12a", "5038 AB", "Tilburg"),
            (entry.PracticeName, entry.PracticeAgbCode, entry.Street, entry.HouseNumber, entry.Postcode, entry.City));
        Assert.Equal([new TherapistEntry("Anouk de Vries", TherapistDiscipline.Physiotherapist, "04000001", "19012345601"),
            new TherapistEntry("Bram Janssen", TherapistDiscipline.ExerciseTherapist, "04000002", null)], entry.Therapists);
        Assert.Equal([FallsPreventionOffer.InBalans, FallsPreventionOffer.VallenVerledenTijd], entry.Offers);
        Assert.Equal([FundingRoute.BasicInsurance], entry.FundingRoutes);
        Assert.Equal(["nl", "tr"], entry.Languages);
        Assert.Equal(["CZ", "VGZ"], entry.ContractedInsurers);
        Assert.Equal((true, false, true, 2), (entry.HomeVisits, entry.WheelchairAccessible, entry.AcceptingPatients, entry.WaitingWeeks));
        Assert.Null(entry.LocationAgbCode);
        Assert.Null(entry.Website);
    }

    [Fact]
    public void the_optional_columns_may_be_left_out()
    {
        var text = Csv.Line(DirectoryCsv.RequiredColumns) + Csv.Line(DirectoryCsv.RequiredColumns.Select(c => AValidRow()[c]));

        var row = Assert.Single(Read(text).Rows);

        Assert.True(row.IsValid, string.Join("; ", row.Errors));
        var details = row.Entry!.ToDetails();
        Assert.Equal((false, false, true, null), (details.HomeVisits, details.WheelchairAccessible, details.AcceptingPatients, details.WaitingWeeks));
        Assert.Equal(["nl"], details.Languages);
        Assert.Null(details.Phone);
    }

    [Fact]
    public void columns_may_come_in_any_order_and_case_and_true_false_are_booleans_too()
    {
        string[] columns = ["OFFERS", "therapists", "City", "postcode", "houseNumber", "street", "practiceAgbCode", "practiceName", "homevisits"];
        var valid = AValidRow();
        var text = Csv.Line(columns) + Csv.Line(columns.Select(c => c == "homevisits" ? "TRUE" : valid[DirectoryCsv.Columns.Single(k => k.Equals(c, StringComparison.OrdinalIgnoreCase))]));

        var row = Assert.Single(Read(text).Rows);

        Assert.True(row.IsValid, string.Join("; ", row.Errors));
        Assert.True(row.Entry!.HomeVisits);
    }

    [Theory]
    [InlineData(DirectoryCsv.Postcode, "12345", "Vul een postcode in zoals 5042 AB.")]
    [InlineData(DirectoryCsv.Postcode, "1000 AA", "Deze postcode komt niet voor in Nederland.")]
    [InlineData(DirectoryCsv.PracticeAgbCode, "4123456", "Een AGB-code bestaat uit 8 cijfers.")]
    [InlineData(DirectoryCsv.PracticeName, "", "Vul de naam van de praktijk in.")]
    [InlineData(DirectoryCsv.Email, "geen-adres", "Vul een geldig e-mailadres in.")]
    [InlineData(DirectoryCsv.Offers, "Yoga", "Onbekend valpreventie-aanbod 'Yoga'. Kies uit: InBalans, VallenVerledenTijd, Otago, BalanceAndStrengthTraining, FearOfFalling, HomeSafetyAssessment.")]
    [InlineData(DirectoryCsv.Offers, "", "Kies ten minste één valpreventie-aanbod.")]
    [InlineData(DirectoryCsv.FundingRoutes, "Gratis", "Onbekende financiering 'Gratis'. Kies uit: BasicInsurance, Municipality, SupplementaryInsurance, SelfPay.")]
    [InlineData(DirectoryCsv.HomeVisits, "soms", "Vul ja of nee in, niet 'soms'.")]
    [InlineData(DirectoryCsv.WaitingWeeks, "twee", "Vul een heel aantal weken in (bijvoorbeeld 4), niet 'twee', of laat de cel leeg.")]
    [InlineData(DirectoryCsv.WaitingWeeks, "200", "De wachttijd ligt tussen 0 en 104 weken.")]
    [InlineData(DirectoryCsv.Languages, "nl;klingon", "Gebruik taalcodes zoals nl, en, tr of ar.")]
    [InlineData(DirectoryCsv.Id, "geen-id", "Dit is geen id van de sociale kaart. Laat het leeg voor een nieuwe locatie.")]
    [InlineData(DirectoryCsv.Therapists, "", "Noem ten minste één therapeut.")]
    [InlineData(DirectoryCsv.Therapists, "Anouk de Vries|Fysio|04000001|19012345601",
        "Therapeut 1: onbekende discipline 'Fysio'. Kies uit: Physiotherapist, ExerciseTherapist, OccupationalTherapist.")]
    [InlineData(DirectoryCsv.Therapists, "Anouk de Vries|Physiotherapist|04000001|19012345601;Bram Janssen",
        "Therapeut 2: schrijf naam|discipline|AGB-code|BIG-nummer (het BIG-nummer mag wegblijven).")]
    [InlineData(DirectoryCsv.Therapists, "Anouk de Vries|Physiotherapist|04000001",
        "Therapeut 1: Een fysiotherapeut staat in het BIG-register: vul het BIG-nummer in.")]
    [InlineData(DirectoryCsv.Therapists, "Anouk de Vries|Physiotherapist|04000001|19012345601;Bram Janssen|ExerciseTherapist|04000002|19012345602",
        "Therapeut 2: Alleen fysiotherapeuten hebben een BIG-nummer; laat het leeg voor oefen- en ergotherapeuten.")]
    [InlineData(DirectoryCsv.Therapists, "Anouk de Vries|Physiotherapist|04000001|1901234",
        "Therapeut 1: Een BIG-nummer bestaat uit 11 cijfers.")]
    public void each_kind_of_bad_cell_gets_a_dutch_message_under_its_row_and_column(string column, string value, string message)
    {
        var file = Read(AFile(AValidRow(), AValidRow((column, value))));

        Assert.True(file.Rows[0].IsValid);
        var error = Assert.Single(file.Rows[1].Errors);
        Assert.Equal(($"row 3: {column}", message), (error.Key, error.Message));
        Assert.Equal($"Rij 3, kolom {column}: {message}", error.Dutch);
    }

    [Fact]
    public void a_therapist_that_cannot_be_read_does_not_renumber_the_others()
    {
        var file = Read(AFile(AValidRow((DirectoryCsv.Therapists,
            "Anouk de Vries|Fysio|04000001|19012345601;Bram Janssen|ExerciseTherapist|04000002;Carla Smit|Physiotherapist|04000003"))));

        Assert.Equal(
            ["Therapeut 1: onbekende discipline 'Fysio'. Kies uit: Physiotherapist, ExerciseTherapist, OccupationalTherapist.",
             "Therapeut 3: Een fysiotherapeut staat in het BIG-register: vul het BIG-nummer in."],
            file.Rows[0].Errors.Select(e => e.Message));
    }

    [Fact]
    public void every_error_of_every_row_is_listed_and_blank_lines_keep_their_row_numbers()
    {
        var file = Read(AFile(
            AValidRow((DirectoryCsv.Postcode, "12345"), (DirectoryCsv.HomeVisits, "soms")),
            null,
            AValidRow(),
            AValidRow((DirectoryCsv.PracticeAgbCode, "x"))));

        Assert.Equal([2, 4, 5], file.Rows.Select(r => r.Row));
        Assert.Equal(["row 2: homeVisits", "row 2: postcode", "row 5: practiceAgbCode"], file.Rows.SelectMany(r => r.Errors).Select(e => e.Key));
    }

    [Fact]
    public void a_row_with_more_or_fewer_cells_than_the_header_is_an_error_of_the_row()
    {
        var text = AFile(AValidRow()) + "Fysio Kort,04123456\r\n";

        var row = Read(text).Rows[1];

        Assert.Null(row.Entry);
        var error = Assert.Single(row.Errors);
        Assert.Equal("row 3", error.Key);
        Assert.StartsWith("Deze rij heeft 2 cellen en de kopregel 22.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void an_id_named_twice_is_an_error_of_the_second_row()
    {
        var id = Guid.CreateVersion7().ToString();

        var file = Read(AFile(AValidRow((DirectoryCsv.Id, id)), AValidRow(), AValidRow((DirectoryCsv.Id, id.ToUpperInvariant()))));

        Assert.Empty(file.Rows[0].Errors);
        var error = Assert.Single(file.Rows[2].Errors);
        Assert.Equal(("row 4: id", "Dit id staat ook in rij 2; een locatie mag één keer in het bestand staan."), (error.Key, error.Message));
    }

    [Fact]
    public void a_header_with_an_unknown_a_doubled_or_a_missing_column_stops_the_file_at_row_1()
    {
        var columns = Editable.Where(c => c != DirectoryCsv.Postcode).Append("postocde").Append(DirectoryCsv.City).ToList();

        var file = Read(Csv.Line(columns) + Csv.Line(columns.Select(_ => "x")));

        Assert.Empty(file.Rows);
        Assert.All(file.FileErrors, e => Assert.Equal("row 1", e.Key));
        Assert.Equal(
            ["Onbekende kolom 'postocde'. Gebruik de kolomnamen van de export.",
             "De kolom 'city' staat twee keer in de kopregel.",
             "De kolom 'postcode' ontbreekt in de kopregel."],
            file.FileErrors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("", "Het bestand is leeg.")]
    [InlineData("\r\n\r\n", "Het bestand is leeg.")]
    public void an_empty_file_is_an_error_of_the_file(string text, string message)
    {
        var error = Assert.Single(Read(text).FileErrors);

        Assert.Equal(("file", message), (error.Key, error.Message));
    }

    [Fact]
    public void a_file_with_only_a_header_is_an_error_of_the_file()
    {
        var error = Assert.Single(Read(AFile(null, null)).FileErrors);

        Assert.Equal(("file", "Het bestand heeft alleen een kopregel en geen locaties."), (error.Key, error.Message));
    }

    [Fact]
    public void an_unclosed_quote_is_an_error_of_its_row()
    {
        var error = Assert.Single(Read(AFile(AValidRow()) + "\"Fysio Open,04123456\r\n").FileErrors);

        Assert.Equal("row 3", error.Key);
    }

    [Fact]
    public void a_file_that_is_not_utf8_is_refused_with_the_way_to_save_it()
    {
        var latin1 = Encoding.Latin1.GetBytes(AFile(AValidRow((DirectoryCsv.PracticeName, "Fysio Zoë"))));

        var error = Assert.Single(DirectoryCsv.Read(latin1, Validator).FileErrors);

        Assert.Contains("CSV UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void utf8_with_or_without_a_byte_order_mark_reads_the_same()
    {
        var text = AFile(AValidRow((DirectoryCsv.PracticeName, "Fysio Zoë")));

        var without = DirectoryCsv.Read(Encoding.UTF8.GetBytes(text), Validator);
        var with = DirectoryCsv.Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)], Validator);

        Assert.Equal("Fysio Zoë", without.Rows[0].Entry!.PracticeName);
        Assert.Equal("Fysio Zoë", with.Rows[0].Entry!.PracticeName);
        Assert.Empty(with.FileErrors);
    }

    [Fact]
    public void a_file_saved_by_dutch_excel_with_semicolons_reads_the_same()
    {
        var row = AValidRow();
        var text = "\uFEFF" + Csv.Line(Editable, ';') + Csv.Line(Editable.Select(c => row[c]), ';');

        var read = Assert.Single(Read(text).Rows);

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        Assert.Equal([FallsPreventionOffer.InBalans, FallsPreventionOffer.VallenVerledenTijd], read.Entry!.Offers);
        Assert.Equal(2, read.Entry.Therapists.Count);
    }

    [Fact]
    public void escaped_separators_stay_inside_their_item_and_a_formula_guard_is_taken_off()
    {
        var file = Read(AFile(AValidRow(
            (DirectoryCsv.PracticeName, "'=Fysio"),
            (DirectoryCsv.Specialisations, @"Osteoporose\; vallen;Geriatrie\|ouderen;C:\map"),
            (DirectoryCsv.Therapists, @"Anouk\|de Vries|Physiotherapist|04000001|19012345601"))));

        var entry = Assert.Single(file.Rows).Entry!;
        Assert.Equal("=Fysio", entry.PracticeName);
        Assert.Equal(["Osteoporose; vallen", "Geriatrie|ouderen", @"C:\map"], entry.Specialisations);
        Assert.Equal("Anouk|de Vries", Assert.Single(entry.Therapists).Name);
    }
}
