using Schakel.BuildingBlocks.Files;
using Schakel.SocialMap.Transfer;

namespace Schakel.SocialMap.Tests.Transfer;

public sealed class ReadingAndWritingCsv
{
    private static IReadOnlyList<IReadOnlyList<string>> Cells(string text, char separator = ',') =>
        Csv.Read(text, separator).Select(r => r.Cells).ToList();

    [Fact]
    public void plain_fields_are_split_on_commas_and_empty_fields_are_kept()
    {
        Assert.Equal([["a", "b", "", "d", ""]], Cells("a,b,,d,"));
    }

    [Fact]
    public void a_quoted_field_holds_commas_doubled_quotes_and_line_breaks()
    {
        var records = Csv.Read("naam,opmerking\r\n\"Fysio \"\"De Hoek\"\", Tilburg\",\"regel 1\r\nregel 2\nregel 3\"\r\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["Fysio \"De Hoek\", Tilburg", "regel 1\r\nregel 2\nregel 3"], records[1].Cells);
    }

    [Fact]
    public void rows_are_numbered_by_record_so_a_line_break_in_a_cell_does_not_shift_them()
    {
        var records = Csv.Read("kop\n\"twee\nregels\"\nderde\n");

        Assert.Equal([(1, "kop"), (2, "twee\nregels"), (3, "derde")], records.Select(r => (r.Row, r.Cells[0])));
    }

    [Theory]
    [InlineData("a,b\r\nc,d\r\n")]
    [InlineData("a,b\nc,d\n")]
    [InlineData("a,b\rc,d\r")]
    [InlineData("a,b\r\nc,d")]
    public void crlf_lf_and_cr_end_a_record_and_the_last_line_break_is_optional(string text)
    {
        Assert.Equal([["a", "b"], ["c", "d"]], Cells(text));
    }

    [Fact]
    public void a_utf8_byte_order_mark_is_not_part_of_the_first_cell()
    {
        Assert.Equal([["id", "naam"]], Cells("\uFEFFid,naam\r\n"));
    }

    [Fact]
    public void empty_lines_are_blank_records_that_keep_their_row_number()
    {
        var records = Csv.Read("kop\r\n\r\nrij\r\n,,\r\n");

        Assert.Equal([false, true, false, true], records.Select(r => r.IsBlank));
        Assert.Equal(3, records[2].Row);
    }

    [Fact]
    public void an_empty_text_has_no_records()
    {
        Assert.Empty(Csv.Read(""));
        Assert.Empty(Csv.Read("\uFEFF"));
    }

    [Fact]
    public void a_quote_inside_an_unquoted_field_is_kept_as_it_is()
    {
        Assert.Equal([["12\" scherm", "b"]], Cells("12\" scherm,b"));
    }

    [Fact]
    public void an_unclosed_quote_is_an_error_at_the_row_where_it_opens()
    {
        var error = Assert.Throws<CsvFormatException>(() => Csv.Read("kop\r\ngoed\r\n\"open,\r\nen nog meer\r\n"));

        Assert.Equal(3, error.Row);
        Assert.StartsWith("Een aanhalingsteken wordt niet gesloten", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void text_after_a_closing_quote_is_an_error()
    {
        var error = Assert.Throws<CsvFormatException>(() => Csv.Read("kop\r\n\"dicht\"x,b\r\n"));

        Assert.Equal(2, error.Row);
    }

    [Fact]
    public void semicolons_can_be_the_separator()
    {
        Assert.Equal([["a", "b;c", "d"]], Cells("a;\"b;c\";d", ';'));
    }

    [Fact]
    public void the_writer_quotes_only_what_needs_it_and_ends_records_with_crlf()
    {
        Assert.Equal("gewoon,\"met, komma\",\"met \"\"quote\"\"\",\"twee\nregels\",\r\n",
            Csv.Line(["gewoon", "met, komma", "met \"quote\"", "twee\nregels", null]));
    }

    [Fact]
    public void what_the_writer_writes_the_reader_reads_back()
    {
        string[][] records =
        [
            ["id", "naam", "leeg"],
            ["1", "Zoë \"de\" Vries, MSc", ""],
            ["2", "regel\r\neen;twee|drie", "\"\""],
            ["3", "  spaties  ", ",,,"],
        ];
        var text = string.Concat(records.Select(r => Csv.Line(r)));

        Assert.Equal(records, Cells(text).Select(r => r.ToArray()).ToArray());
    }
}
