using Schakel.BuildingBlocks.Files;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
using Schakel.BuildingBlocks.Portal;
using Schakel.SocialMap.Contracts;
using Schakel.SocialMap.Directory;

namespace Schakel.SocialMap.Transfer;

/// <summary>
/// An error in an import file: of the whole file (<see cref="Row"/> null), of a row (<see cref="Column"/>
/// null), or of one cell. Rows are numbered as a spreadsheet shows them: the header is row 1.
/// </summary>
public sealed record ImportError(int? Row, string? Column, string Message)
{
    /// <summary>The key in the problem's <c>errors</c> map: <c>file</c>, <c>row 3</c> or <c>row 3: postcode</c>.</summary>
    public string Key => Row is not { } row ? "file" : Column is null ? $"row {row}" : $"row {row}: {Column}";

    /// <summary>The error as the portal says it.</summary>
    public string Dutch => Row is not { } row ? Message : Column is null ? $"Rij {row}: {Message}" : $"Rij {row}, kolom {Column}: {Message}";

    /// <summary>The errors as an RFC 7807 <c>errors</c> map, in file order.</summary>
    public static Dictionary<string, string[]> ToMap(IEnumerable<ImportError> errors) =>
        errors.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray());
}

/// <summary>One data row of an import file: its entry as read (null when the row could not be read) and its errors.</summary>
public sealed record ImportRow(int Row, Guid? LocationId, TherapistLocationEntry? Entry, IReadOnlyList<ImportError> Errors)
{
    public bool IsValid => Entry is not null && Errors.Count == 0;
}

/// <summary>An import file as read: errors that stop the whole file (an unreadable header), and its non-blank data rows.</summary>
public sealed record DirectoryFile(IReadOnlyList<ImportError> FileErrors, IReadOnlyList<ImportRow> Rows);

/// <summary>
/// The social map as CSV, for export and import.
/// <list type="bullet">
/// <item>RFC 4180: comma-separated, fields with a comma, a quote or a line break in double quotes
/// (<c>""</c> for a quote), CRLF line ends, UTF-8. The export starts with a byte-order mark so Excel reads
/// it as UTF-8; an import may have one or not, and may be separated by semicolons instead of commas (as
/// Dutch Excel saves "CSV UTF-8"): the header row decides.</item>
/// <item>Row 1 is the header; then one row per location. Column names are those of <see cref="Columns"/>,
/// in any order, case-insensitive. Required: <c>practiceName, practiceAgbCode, street, houseNumber,
/// postcode, city, therapists, offers</c>; the others may be left out (then: empty, no home visits, Dutch,
/// not wheelchair accessible, accepting patients). Blank rows are skipped but keep their number.</item>
/// <item><c>id</c>: empty for a new location; the id of a location on the map to revise it (the whole
/// entry is replaced; an unchanged row records nothing). An unknown or retired id, or an id twice in the
/// file, is an error.</item>
/// <item>Lists in one cell, separated by <c>;</c>: <c>offers</c> and <c>fundingRoutes</c> by enum name
/// (<c>VallenVerledenTijd</c>, <c>BasicInsurance</c>), <c>languages</c> by ISO code (<c>nl;tr</c>),
/// <c>specialisations</c>, <c>certificates</c>, <c>contractedInsurers</c> as text. <c>therapists</c>
/// holds items <c>name|discipline|agbCode|bigNumber</c> (discipline by enum name, e.g.
/// <c>Physiotherapist</c>; the BIG number may be left out). Inside an item, <c>\;</c>, <c>\|</c> and
/// <c>\\</c> stand for <c>;</c>, <c>|</c> and <c>\</c>.</item>
/// <item>Booleans <c>homeVisits, wheelchairAccessible, acceptingPatients</c>: <c>ja</c>/<c>nee</c>
/// (also <c>true</c>/<c>false</c>); <c>waitingWeeks</c>: whole weeks, or empty.</item>
/// <item><c>lastVerifiedAt</c> (Dutch calendar day, yyyy-MM-dd) and <c>municipality</c> are written by
/// the export and ignored by an import.</item>
/// <item>A cell the export would start with <c>= + - @</c> gets a leading <c>'</c>, so a spreadsheet does
/// not run it as a formula; an import takes that <c>'</c> off again.</item>
/// </list>
/// </summary>
public static partial class DirectoryCsv
{
    public const string Id = "id";
    public const string PracticeName = "practiceName";
    public const string PracticeAgbCode = "practiceAgbCode";
    public const string LocationAgbCode = "locationAgbCode";
    public const string Street = "street";
    public const string HouseNumber = "houseNumber";
    public const string Postcode = "postcode";
    public const string City = "city";
    public const string Phone = "phone";
    public const string Email = "email";
    public const string Website = "website";
    public const string Therapists = "therapists";
    public const string Offers = "offers";
    public const string Specialisations = "specialisations";
    public const string Certificates = "certificates";
    public const string HomeVisits = "homeVisits";
    public const string Languages = "languages";
    public const string WheelchairAccessible = "wheelchairAccessible";
    public const string FundingRoutes = "fundingRoutes";
    public const string ContractedInsurers = "contractedInsurers";
    public const string AcceptingPatients = "acceptingPatients";
    public const string WaitingWeeks = "waitingWeeks";
    public const string LastVerifiedAt = "lastVerifiedAt";
    public const string Municipality = "municipality";

    /// <summary>The columns in the order the export writes them.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        Id, PracticeName, PracticeAgbCode, LocationAgbCode, Street, HouseNumber, Postcode, City, Phone, Email, Website,
        Therapists, Offers, Specialisations, Certificates, HomeVisits, Languages, WheelchairAccessible, FundingRoutes,
        ContractedInsurers, AcceptingPatients, WaitingWeeks, LastVerifiedAt, Municipality,
    ];

    /// <summary>Written by the export, ignored by an import.</summary>
    public static readonly IReadOnlyList<string> ReadOnlyColumns = [LastVerifiedAt, Municipality];

    public static readonly IReadOnlyList<string> RequiredColumns = [PracticeName, PracticeAgbCode, Street, HouseNumber, Postcode, City, Therapists, Offers];

    private const char ListSeparator = ';';
    private const char PartSeparator = '|';
    private const char Escape = '\\';

    // ---- export ----

    /// <summary>The cells of one location's row, in the order of <see cref="Columns"/>.</summary>
    public static IReadOnlyList<string> Cells(TherapistLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var d = location.Details;
        string[] cells =
        [
            location.Id.ToString(),
            d.PracticeName,
            d.PracticeAgbCode,
            d.LocationAgbCode ?? "",
            d.Address.Street,
            d.Address.HouseNumber,
            d.Address.Postcode,
            d.Address.City,
            d.Phone ?? "",
            d.Email ?? "",
            d.Website ?? "",
            List(d.Therapists.Select(TherapistItem)),
            List(d.Offers.Select(o => o.ToString())),
            List(d.Specialisations.Select(EscapeItem)),
            List(d.Certificates.Select(EscapeItem)),
            YesNo(d.HomeVisits),
            List(d.Languages.Select(EscapeItem)),
            YesNo(d.WheelchairAccessible),
            List(d.FundingRoutes.Select(f => f.ToString())),
            List(d.ContractedInsurers.Select(EscapeItem)),
            YesNo(d.AcceptingPatients),
            d.WaitingWeeks?.ToString(CultureInfo.InvariantCulture) ?? "",
            DutchTime.ToDutch(location.LastVerifiedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            location.Place.Municipality,
        ];
        return cells.Select(Csv.GuardFormula).ToList();
    }

    /// <summary>The whole file as the export writes it (byte-order mark, header, one row per location).</summary>
    public static string Write(IEnumerable<TherapistLocation> locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        var text = new StringBuilder().Append('\uFEFF').Append(Csv.Line(Columns));
        foreach (var location in locations)
        {
            text.Append(Csv.Line(Cells(location)));
        }

        return text.ToString();
    }

    /// <summary><c>name|discipline|agbCode|bigNumber</c>, without the last part when there is no BIG number.</summary>
    private static string TherapistItem(Therapist therapist)
    {
        string[] parts = therapist.BigNumber is { } big
            ? [therapist.Name, therapist.Discipline.ToString(), therapist.AgbCode, big]
            : [therapist.Name, therapist.Discipline.ToString(), therapist.AgbCode];
        return string.Join(PartSeparator, parts.Select(EscapeItem));
    }

    private static string List(IEnumerable<string> items) => string.Join(ListSeparator, items);

    private static string YesNo(bool value) => value ? "ja" : "nee";

    private static string EscapeItem(string item) =>
        item.Replace(@"\", @"\\", StringComparison.Ordinal).Replace(";", @"\;", StringComparison.Ordinal).Replace("|", @"\|", StringComparison.Ordinal);

    // ---- import ----

    /// <summary>Reads an uploaded file: UTF-8 (with or without byte-order mark), then <see cref="Read(string, IValidator{TherapistLocationEntry})"/>.</summary>
    public static DirectoryFile Read(byte[] content, IValidator<TherapistLocationEntry> validator)
    {
        ArgumentNullException.ThrowIfNull(content);
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return new([new ImportError(null, null,
                "Het bestand is geen UTF-8-tekst. Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)' en probeer het opnieuw.")], []);
        }

        return Read(text, validator);
    }

    /// <summary>
    /// Reads every row: the cells into an entry (a Dutch message per cell that cannot be read), the entry
    /// through the API's validator, and ids named twice. Whether an id is on the map is for the import to check.
    /// </summary>
    public static DirectoryFile Read(string text, IValidator<TherapistLocationEntry> validator)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(validator);
        IReadOnlyList<CsvRecord> records;
        try
        {
            records = Csv.Read(text, SeparatorOf(text));
        }
        catch (CsvFormatException e)
        {
            return new([new ImportError(e.Row, null, e.Message)], []);
        }

        if (records.Count == 0 || records.All(r => r.IsBlank))
        {
            return new([new ImportError(null, null, "Het bestand is leeg.")], []);
        }

        var (columns, headerErrors) = Header(records[0]);
        if (headerErrors.Count > 0)
        {
            return new(headerErrors, []);
        }

        var width = records[0].Cells.Count;
        var rows = records.Skip(1).Where(r => !r.IsBlank).Select(r => ReadRow(r, width, columns, validator)).ToList();
        if (rows.Count == 0)
        {
            return new([new ImportError(null, null, "Het bestand heeft alleen een kopregel en geen locaties.")], []);
        }

        return new([], NamedTwice(rows));
    }

    /// <summary>Commas, unless the header row has semicolons and no commas (Dutch Excel). Column names hold neither.</summary>
    private static char SeparatorOf(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        var header = end < 0 ? text.AsSpan() : text.AsSpan(0, end);
        return !header.Contains(Csv.Comma) && header.Contains(ListSeparator) ? ListSeparator : Csv.Comma;
    }

    private static (Dictionary<string, int> Columns, List<ImportError> Errors) Header(CsvRecord header)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<ImportError>();
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var written = header.Cells[i].Trim();
            var known = Columns.FirstOrDefault(c => string.Equals(c, written, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                errors.Add(new(header.Row, null, written.Length == 0
                    ? $"Kolom {i + 1} heeft geen naam. Gebruik de kolomnamen van de export."
                    : $"Onbekende kolom '{written}'. Gebruik de kolomnamen van de export."));
            }
            else if (!columns.TryAdd(known, i))
            {
                errors.Add(new(header.Row, null, $"De kolom '{known}' staat twee keer in de kopregel."));
            }
        }

        errors.AddRange(RequiredColumns.Where(c => !columns.ContainsKey(c))
            .Select(c => new ImportError(header.Row, null, $"De kolom '{c}' ontbreekt in de kopregel.")));
        return (columns, errors);
    }

    private static ImportRow ReadRow(CsvRecord record, int width, Dictionary<string, int> columns, IValidator<TherapistLocationEntry> validator)
    {
        if (record.Cells.Count != width)
        {
            return new(record.Row, null, null, [new ImportError(record.Row, null,
                $"Deze rij heeft {record.Cells.Count} cellen en de kopregel {width}. Staat er een komma of puntkomma in een cel zonder aanhalingstekens?")]);
        }

        var row = new RowReader(record, columns);
        var id = row.Id();
        var therapistNumbers = new List<int>();
        var entry = new TherapistLocationEntry(
            row.Text(PracticeName),
            row.Text(PracticeAgbCode),
            row.Text(Street),
            row.Text(HouseNumber),
            row.Text(Postcode),
            row.Text(City),
            row.Optional(Phone),
            row.Optional(Email),
            row.Therapists(therapistNumbers),
            row.Enums<FallsPreventionOffer>(Offers, "Onbekend valpreventie-aanbod"),
            row.Optional(LocationAgbCode),
            row.Optional(Website),
            row.Texts(Specialisations),
            row.Texts(Certificates),
            row.YesNo(HomeVisits, false),
            row.Texts(Languages) is { Count: > 0 } languages ? languages : null,
            row.YesNo(WheelchairAccessible, false),
            row.Enums<FundingRoute>(FundingRoutes, "Onbekende financiering"),
            row.Texts(ContractedInsurers),
            row.YesNo(AcceptingPatients, true),
            row.WholeNumber(WaitingWeeks));

        var unreadable = row.Errors.Select(e => e.Column).ToHashSet();
        var invalid = validator.Validate(entry).Errors
            .Select(f => ToRowError(record.Row, f.PropertyName, f.ErrorMessage, therapistNumbers))
            // A cell that could not be read already has its message; the validator would only add "fill this in".
            .Where(e => !unreadable.Contains(e.Column) || e.Message.StartsWith("Therapeut ", StringComparison.Ordinal));
        return new(record.Row, id, entry, [.. row.Errors, .. invalid]);
    }

    /// <summary>A validator message for a property ("Therapists[1].BigNumber") as a message for its column.</summary>
    private static ImportError ToRowError(int row, string property, string message, IReadOnlyList<int> therapistNumbers)
    {
        var path = PropertyPath().Match(property);
        var name = path.Success ? path.Groups["name"].Value : property;
        var column = Columns.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase)) ?? JsonNaming(name);
        if (column == Therapists && path.Groups["index"].Success && path.Groups["member"].Success
            && int.TryParse(path.Groups["index"].Value, CultureInfo.InvariantCulture, out var index) && index < therapistNumbers.Count)
        {
            return new(row, column, $"Therapeut {therapistNumbers[index]}: {message}");
        }

        return new(row, column, message);
    }

    private static string JsonNaming(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    [GeneratedRegex(@"^(?<name>[A-Za-z]+)(\[(?<index>\d+)\])?(\.(?<member>[A-Za-z]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyPath();

    /// <summary>The second and later rows with the same id get an error naming the first.</summary>
    private static List<ImportRow> NamedTwice(List<ImportRow> rows)
    {
        var firstRow = new Dictionary<Guid, int>();
        return rows.Select(row =>
        {
            if (row.LocationId is not { } id)
            {
                return row;
            }

            if (firstRow.TryAdd(id, row.Row))
            {
                return row;
            }

            return row with { Errors = [.. row.Errors, new ImportError(row.Row, DirectoryCsv.Id, $"Dit id staat ook in rij {firstRow[id]}; een locatie mag één keer in het bestand staan.")] };
        }).ToList();
    }

    /// <summary>Splits on <paramref name="separator"/> where it is not escaped; the parts keep their escapes.</summary>
    private static List<string> Split(string text, char separator)
    {
        var parts = new List<string>();
        var part = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == Escape && i + 1 < text.Length && text[i + 1] is Escape or ListSeparator or PartSeparator)
            {
                part.Append(c).Append(text[++i]);
            }
            else if (c == separator)
            {
                parts.Add(part.ToString());
                part.Clear();
            }
            else
            {
                part.Append(c);
            }
        }

        parts.Add(part.ToString());
        return parts;
    }

    /// <summary><c>\;</c>, <c>\|</c> and <c>\\</c> as the characters they stand for; any other backslash stays.</summary>
    private static string Unescape(string part)
    {
        var text = new StringBuilder(part.Length);
        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] == Escape && i + 1 < part.Length && part[i + 1] is Escape or ListSeparator or PartSeparator)
            {
                i++;
            }

            text.Append(part[i]);
        }

        return text.ToString();
    }

    /// <summary>The cells of one row, read by column name, with a Dutch message per cell it cannot read.</summary>
    private sealed class RowReader(CsvRecord record, Dictionary<string, int> columns)
    {
        private static readonly string[] Yes = ["ja", "true"];
        private static readonly string[] No = ["nee", "false"];

        public List<ImportError> Errors { get; } = [];

        public string Text(string column) =>
            columns.TryGetValue(column, out var index) ? Csv.UnguardFormula(record.Cells[index]).Trim() : "";

        public string? Optional(string column) => Text(column) is { Length: > 0 } text ? text : null;

        public IReadOnlyList<string> Texts(string column) =>
            Split(Text(column), ListSeparator).Select(i => Unescape(i).Trim()).Where(i => i.Length > 0).ToList();

        public Guid? Id()
        {
            var text = Text(DirectoryCsv.Id);
            if (text.Length == 0)
            {
                return null;
            }

            if (Guid.TryParse(text, out var id))
            {
                return id;
            }

            Error(DirectoryCsv.Id, "Dit is geen id van de sociale kaart. Laat het leeg voor een nieuwe locatie.");
            return null;
        }

        public bool YesNo(string column, bool whenEmpty)
        {
            var text = Text(column);
            if (text.Length == 0)
            {
                return whenEmpty;
            }

            if (Yes.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }

            if (No.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }

            Error(column, $"Vul ja of nee in, niet '{text}'.");
            return whenEmpty;
        }

        public int? WholeNumber(string column)
        {
            var text = Text(column);
            if (text.Length == 0)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            Error(column, $"Vul een heel aantal weken in (bijvoorbeeld 4), niet '{text}', of laat de cel leeg.");
            return null;
        }

        public IReadOnlyList<T> Enums<T>(string column, string unknown)
            where T : struct, Enum
        {
            var values = new List<T>();
            foreach (var item in Texts(column))
            {
                if (EnumNamed<T>(item) is { } value)
                {
                    values.Add(value);
                }
                else
                {
                    Error(column, $"{unknown} '{item}'. Kies uit: {string.Join(", ", Enum.GetNames<T>())}.");
                }
            }

            return values;
        }

        /// <summary>The therapists that could be read; <paramref name="numbers"/> gets each one's place in the cell (1-based).</summary>
        public IReadOnlyList<TherapistEntry> Therapists(List<int> numbers)
        {
            var therapists = new List<TherapistEntry>();
            var items = Split(Text(DirectoryCsv.Therapists), ListSeparator).Where(i => i.Trim().Length > 0).ToList();
            for (var i = 0; i < items.Count; i++)
            {
                var parts = Split(items[i], PartSeparator).Select(p => Unescape(p).Trim()).ToList();
                if (parts.Count is not (3 or 4))
                {
                    Error(DirectoryCsv.Therapists, $"Therapeut {i + 1}: schrijf naam|discipline|AGB-code|BIG-nummer (het BIG-nummer mag wegblijven).");
                    continue;
                }

                if (EnumNamed<TherapistDiscipline>(parts[1]) is not { } discipline)
                {
                    Error(DirectoryCsv.Therapists,
                        $"Therapeut {i + 1}: onbekende discipline '{parts[1]}'. Kies uit: {string.Join(", ", Enum.GetNames<TherapistDiscipline>())}.");
                    continue;
                }

                therapists.Add(new TherapistEntry(parts[0], discipline, parts[2], parts.Count == 4 && parts[3].Length > 0 ? parts[3] : null));
                numbers.Add(i + 1);
            }

            return therapists;
        }

        private void Error(string column, string message) => Errors.Add(new ImportError(record.Row, column, message));

        /// <summary>The value by its name, case-insensitive; never by number.</summary>
        private static T? EnumNamed<T>(string name)
            where T : struct, Enum =>
            Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) is { } known
                ? Enum.Parse<T>(known)
                : null;
    }
}
