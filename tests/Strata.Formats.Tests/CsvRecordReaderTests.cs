using System.Text;
using System.Text.Json;
using Strata.Core.Interpretation;
using Strata.Formats.Csv;
using Strata.Formats.Tests.Support;

namespace Strata.Formats.Tests;

public sealed class CsvRecordReaderTests
{
    private readonly CsvRecordReader _reader = new();

    [Fact]
    public async Task Header_names_are_trimmed_lower_cased_and_runs_of_spaces_or_dashes_become_underscores()
    {
        var records = await RecordReading.ReadAllAsync(_reader, " First Name ,E-Mail,Phone -- Number\nAda,ada@example.com,555\n");

        Assert.Equal(["first_name", "e_mail", "phone_number"], records.Single().Fields.Keys);
    }

    [Fact]
    public async Task Values_stay_strings_as_found_even_when_they_look_like_numbers()
    {
        var record = (await RecordReading.ReadAllAsync(_reader, "zip,amount\n08123, 12.50 \n")).Single();

        Assert.Equal(JsonValueKind.String, record.Fields["zip"].ValueKind);
        Assert.Equal("08123", record.Text("zip"));
        Assert.Equal(" 12.50 ", record.Text("amount"));
    }

    [Fact]
    public async Task An_entity_type_column_types_each_row_and_is_not_a_field()
    {
        var records = await RecordReading.ReadAllAsync(
            _reader, "name,Entity Type\nAda,contact\nAcme,company\nNobody,\n", new RecordReadOptions(EntityType: "ignored"));

        Assert.Equal(["contact", "company", null], records.Select(record => record.EntityType));
        Assert.All(records, record => Assert.False(record.Fields.ContainsKey("entity_type")));
    }

    [Fact]
    public async Task Without_an_entity_type_column_the_ingest_type_is_used()
    {
        var records = await RecordReading.ReadAllAsync(_reader, "name\nAda\n", new RecordReadOptions(EntityType: "contact"));

        Assert.Equal("contact", records.Single().EntityType);
    }

    [Fact]
    public async Task Empty_cells_are_omitted_and_missing_trailing_cells_are_absent()
    {
        var records = await RecordReading.ReadAllAsync(_reader, "a,b,c\n1,,3\n4\n");

        Assert.Equal(["a", "c"], records[0].Fields.Keys);
        Assert.Equal(["a"], records[1].Fields.Keys);
    }

    [Fact]
    public async Task Blank_lines_are_skipped_and_rows_are_numbered_by_data_row()
    {
        var records = await RecordReading.ReadAllAsync(_reader, "\r\na,b\r\n\r\n1,2\r\n\r\n3,4\r\n\r\n");

        Assert.Equal(["row:1", "row:2"], records.Select(record => record.Locator));
        Assert.Equal("3", records[1].Text("a"));
    }

    [Fact]
    public async Task A_header_only_file_has_no_records()
    {
        Assert.Empty(await RecordReading.ReadAllAsync(_reader, "name,email\n"));
    }

    [Fact]
    public async Task A_byte_order_mark_does_not_become_part_of_the_first_header_name()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("name\nAda")).ToArray();

        var record = (await RecordReading.ReadAllAsync(_reader, GeneratedStream.FromBytes(bytes, maxBytesPerRead: 1))).Single();

        Assert.Equal("Ada", record.Text("name"));
    }

    [Fact]
    public async Task A_last_row_without_a_line_break_is_read()
    {
        var records = await RecordReading.ReadAllAsync(_reader, "a,b\n1,\"x\"");

        Assert.Equal("x", records.Single().Text("b"));
    }

    [Fact]
    public async Task Quoted_fields_keep_commas_doubled_quotes_and_line_breaks_across_tiny_reads()
    {
        var csv = "a,b\r\n\"x, y\",\"say \"\"hi\"\"\r\nthere\"\r\n2,3\r\n";

        var records = await RecordReading.ReadAllAsync(_reader, csv, maxBytesPerRead: 1);

        Assert.Equal("x, y", records[0].Text("a"));
        Assert.Equal("say \"hi\"\r\nthere", records[0].Text("b"));
        Assert.Equal("3", records[1].Text("b"));
    }

    [Fact]
    public async Task A_quote_inside_an_unquoted_field_is_kept_as_text()
    {
        var record = (await RecordReading.ReadAllAsync(_reader, "height\n5'10\"\n")).Single();

        Assert.Equal("5'10\"", record.Text("height"));
    }

    [Fact]
    public async Task Error_lines_count_line_breaks_inside_quoted_fields()
    {
        var message = await RecordReading.MalformedMessageAsync(_reader, "a,b\n\"one\ntwo\",2\n3,4,5\n");

        Assert.Contains("Row 2", message);
        Assert.Contains("line 4", message);
    }
}
