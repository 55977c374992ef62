using System.Text;

namespace Schakel.BuildingBlocks.Files;

/// <summary>One record of a CSV text: its cells, and its row as a spreadsheet numbers it (the first record is row 1).</summary>
public sealed record CsvRecord(int Row, IReadOnlyList<string> Cells)
{
    /// <summary>An empty line, or a line of separators only (as spreadsheets write an empty row).</summary>
    public bool IsBlank => Cells.All(c => c.Length == 0);
}

/// <summary>A CSV text that is not well-formed; <see cref="Row"/> is the record where reading stopped.</summary>
public sealed class CsvFormatException(int row, string message) : FormatException(message)
{
    public int Row { get; } = row;
}

/// <summary>
/// Comma-separated values as RFC 4180 defines them: a field may be enclosed in double quotes and
/// then hold the separator, line breaks and doubled quotes (<c>""</c>). Records end with CRLF, LF
/// or CR; a line break after the last record is optional; a leading UTF-8 byte-order mark is
/// ignored. Lenient where spreadsheets are (a quote inside an unquoted field is kept as it is),
/// strict where a guess could shift cells (an unclosed quote, text after a closing quote).
/// </summary>
public static class Csv
{
    public const char Comma = ',';

    private const char ByteOrderMark = '\uFEFF';

    /// <summary>All records of <paramref name="text"/>, blank ones included, so row numbers match a spreadsheet's.</summary>
    /// <exception cref="CsvFormatException">A quoted field is not closed, or a closing quote is followed by other text.</exception>
    public static IReadOnlyList<CsvRecord> Read(string text, char separator = Comma)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (separator is '"' or '\r' or '\n')
        {
            throw new ArgumentException("A separator cannot be a quote or a line break.", nameof(separator));
        }

        var records = new List<CsvRecord>();
        var position = text.Length > 0 && text[0] == ByteOrderMark ? 1 : 0;
        var field = new StringBuilder();
        while (position < text.Length)
        {
            var row = records.Count + 1;
            var cells = new List<string>();
            var endOfRecord = false;
            while (!endOfRecord)
            {
                field.Clear();
                if (position < text.Length && text[position] == '"')
                {
                    position = ReadQuoted(text, position + 1, field, row);
                    if (position < text.Length && text[position] != separator && text[position] is not ('\r' or '\n'))
                    {
                        throw new CsvFormatException(row, "Na een afsluitend aanhalingsteken hoort een scheidingsteken of het einde van de regel.");
                    }
                }
                else
                {
                    while (position < text.Length && text[position] != separator && text[position] is not ('\r' or '\n'))
                    {
                        field.Append(text[position++]);
                    }
                }

                cells.Add(field.ToString());
                if (position < text.Length && text[position] == separator)
                {
                    position++;
                    continue;
                }

                endOfRecord = true;
                if (position < text.Length && text[position] == '\r')
                {
                    position++;
                }

                if (position < text.Length && text[position] == '\n')
                {
                    position++;
                }
            }

            records.Add(new CsvRecord(row, cells));
        }

        return records;
    }

    /// <summary>Reads a quoted field from just after its opening quote; returns the position after its closing quote.</summary>
    private static int ReadQuoted(string text, int position, StringBuilder field, int row)
    {
        while (position < text.Length)
        {
            var c = text[position];
            if (c != '"')
            {
                field.Append(c);
                position++;
            }
            else if (position + 1 < text.Length && text[position + 1] == '"')
            {
                field.Append('"');
                position += 2;
            }
            else
            {
                return position + 1;
            }
        }

        throw new CsvFormatException(row, "Een aanhalingsteken wordt niet gesloten: de rest van het bestand zou in één cel staan.");
    }

    /// <summary>Writes one record and its CRLF, quoting only the cells that need it.</summary>
    public static void WriteRecord(TextWriter writer, IEnumerable<string?> cells, char separator = Comma)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(cells);
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                writer.Write(separator);
            }

            first = false;
            writer.Write(Quote(cell ?? "", separator));
        }

        writer.Write("\r\n");
    }

    /// <summary>One record as a line (with its CRLF).</summary>
    public static string Line(IEnumerable<string?> cells, char separator = Comma)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        WriteRecord(writer, cells, separator);
        return writer.ToString();
    }

    /// <summary>
    /// A cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a
    /// leading apostrophe, so an exported name like "=HYPERLINK(...)" stays text (CSV injection).
    /// </summary>
    public static string GuardFormula(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length > 0 && IsFormulaStart(cell[0]) ? FormulaGuard + cell : cell;
    }

    /// <summary>Undoes <see cref="GuardFormula"/> on a cell read back.</summary>
    public static string UnguardFormula(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length > 1 && cell[0] == FormulaGuard && IsFormulaStart(cell[1]) ? cell[1..] : cell;
    }

    private const char FormulaGuard = '\'';

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static string Quote(string cell, char separator) =>
        cell.Contains(separator, StringComparison.Ordinal) || cell.AsSpan().IndexOfAny('"', '\r', '\n') >= 0
            ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : cell;
}
