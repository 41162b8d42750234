using Strata.Core.Errors;
using Strata.Core.Interpretation;
using Strata.Formats.Csv;
using Strata.Formats.ICalendar;
using Strata.Formats.Json;
using Strata.Formats.JsonLines;
using Strata.Formats.Notes;
using Strata.Formats.Tests.Support;
using Strata.Formats.VCard;

namespace Strata.Formats.Tests;

/// <summary>Content a reader cannot read faithfully is rejected as MALFORMED_CONTENT, saying where.</summary>
public sealed class MalformedContentTests
{
    [Fact]
    public async Task A_csv_quote_left_open_at_the_end_of_the_file_is_rejected_naming_its_line()
    {
        var message = await RecordReading.MalformedMessageAsync(new CsvRecordReader(), "a,b\n1,2\n3,\"never closed\n4,5\n");

        Assert.Contains("line 3", message);
    }

    [Fact]
    public async Task A_csv_row_with_more_cells_than_the_header_is_rejected_naming_its_line()
    {
        var message = await RecordReading.MalformedMessageAsync(new CsvRecordReader(), "a,b\n1,2\n3,4,5\n");

        Assert.Contains("line 3", message);
        Assert.Contains("3 cells", message);
    }

    [Fact]
    public async Task Text_after_a_closing_csv_quote_is_rejected()
    {
        var message = await RecordReading.MalformedMessageAsync(new CsvRecordReader(), "a\n\"quoted\"tail\n");

        Assert.Contains("Line 2", message);
    }

    [Theory]
    [InlineData("name,,email\n")]
    [InlineData("name, \nx\n")]
    public async Task A_csv_header_with_an_unnamed_column_is_rejected(string csv)
    {
        var message = await RecordReading.MalformedMessageAsync(new CsvRecordReader(), csv);

        Assert.Contains("no name", message);
    }

    [Fact]
    public async Task A_csv_header_naming_a_column_twice_after_normalisation_is_rejected()
    {
        var message = await RecordReading.MalformedMessageAsync(new CsvRecordReader(), "First Name,first-name\n");

        Assert.Contains("'first_name'", message);
    }

    [Fact]
    public async Task Invalid_json_is_rejected_with_its_line_and_byte_position()
    {
        var message = await RecordReading.MalformedMessageAsync(new JsonRecordReader(), "[{\"a\": 1},\n {\"b\": x}]");

        Assert.Contains("line 2, byte 8", message);
    }

    [Fact]
    public async Task Json_truncated_in_the_middle_of_a_record_is_rejected()
    {
        await RecordReading.MalformedMessageAsync(new JsonRecordReader(), "[{\"a\": 1}, {\"b\": ");
    }

    [Fact]
    public async Task Anything_after_the_json_document_is_rejected()
    {
        await RecordReading.MalformedMessageAsync(new JsonRecordReader(), "[{\"a\": 1}] [{\"b\": 2}]");
    }

    [Fact]
    public async Task A_json_array_element_that_is_not_an_object_is_rejected_naming_its_index()
    {
        var message = await RecordReading.MalformedMessageAsync(new JsonRecordReader(), "[{\"a\": 1}, {\"a\": 2}, \"three\"]");

        Assert.Contains("element 2", message);
        Assert.Contains("a string", message);
    }

    [Fact]
    public async Task A_json_document_that_is_a_bare_value_is_rejected()
    {
        await RecordReading.MalformedMessageAsync(new JsonRecordReader(), "42");
    }

    [Fact]
    public async Task Json_nested_deeper_than_the_limit_is_rejected()
    {
        var options = new RecordReadOptions(MaxDepth: 5);
        var json = "[{\"a\": [[[[[1]]]]]}]";

        var message = await RecordReading.MalformedMessageAsync(new JsonRecordReader(), json, options);

        Assert.Contains("depth", message);
    }

    [Fact]
    public async Task Json_nested_up_to_the_limit_is_read()
    {
        var records = await RecordReading.ReadAllAsync(
            new JsonRecordReader(), "[{\"a\": [[[1]]]}]", new RecordReadOptions(MaxDepth: 5));

        Assert.Single(records);
    }

    [Fact]
    public async Task Json_lines_nested_deeper_than_the_limit_are_rejected()
    {
        await RecordReading.MalformedMessageAsync(
            new JsonLinesRecordReader(), "{\"a\": [[[[[1]]]]]}\n", new RecordReadOptions(MaxDepth: 3));
    }

    [Theory]
    [InlineData("[{}, {}, {}]")]
    [InlineData("{\"entities\": [{}, {}, {}]}")]
    public async Task More_json_records_than_the_limit_are_rejected(string json)
    {
        var message = await RecordReading.MalformedMessageAsync(new JsonRecordReader(), json, new RecordReadOptions(MaxRecords: 2));

        Assert.Contains("more than 2 records", message);
    }

    [Fact]
    public async Task More_csv_rows_than_the_limit_are_rejected()
    {
        await RecordReading.MalformedMessageAsync(new CsvRecordReader(), "a\n1\n2\n3\n", new RecordReadOptions(MaxRecords: 2));
    }

    [Fact]
    public async Task An_entity_type_that_is_not_a_string_is_rejected()
    {
        var message = await RecordReading.MalformedMessageAsync(new JsonRecordReader(), "[{\"entity_type\": 7}]");

        Assert.Contains("element 0", message);
        Assert.Contains("a number", message);
    }

    [Fact]
    public async Task A_json_object_repeating_a_property_is_rejected()
    {
        var message = await RecordReading.MalformedMessageAsync(new JsonRecordReader(), "[{\"a\": 1, \"a\": 2}]");

        Assert.Contains("'a'", message);
    }

    [Fact]
    public async Task An_entities_wrapper_with_other_properties_is_rejected_rather_than_losing_them()
    {
        var message = await RecordReading.MalformedMessageAsync(
            new JsonRecordReader(), "{\"entities\": [{\"a\": 1}], \"source\": \"crm\"}");

        Assert.Contains("'source'", message);
    }

    [Fact]
    public async Task A_bad_json_lines_line_is_rejected_naming_its_line()
    {
        var message = await RecordReading.MalformedMessageAsync(new JsonLinesRecordReader(), "{\"a\": 1}\n\n{oops}\n");

        Assert.Contains("line 3", message);
    }

    [Fact]
    public async Task A_vcard_without_end_is_rejected_naming_where_it_begins()
    {
        var vcard = "BEGIN:VCARD\r\nFN:Ada\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Bob\r\n";

        var message = await RecordReading.MalformedMessageAsync(new VCardRecordReader(), vcard);

        Assert.Contains("line 4", message);
    }

    [Fact]
    public async Task Text_outside_a_vcard_is_rejected()
    {
        var message = await RecordReading.MalformedMessageAsync(new VCardRecordReader(), "hello\r\nBEGIN:VCARD\r\nEND:VCARD\r\n");

        Assert.Contains("Line 1", message);
    }

    [Fact]
    public async Task A_vevent_without_end_is_rejected_naming_where_it_begins()
    {
        var calendar = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Open\r\nEND:VCALENDAR\r\n";

        var message = await RecordReading.MalformedMessageAsync(new ICalendarRecordReader(), calendar);

        Assert.Contains("VEVENT", message);
        Assert.Contains("line 2", message);
    }

    [Fact]
    public async Task A_calendar_cut_short_inside_a_vevent_is_rejected()
    {
        var message = await RecordReading.MalformedMessageAsync(
            new ICalendarRecordReader(), "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Open\r\n");

        Assert.Contains("END:VEVENT", message);
    }

    [Fact]
    public async Task A_calendar_that_does_not_start_with_begin_vcalendar_is_rejected()
    {
        var message = await RecordReading.MalformedMessageAsync(
            new ICalendarRecordReader(), "BEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\n");

        Assert.Contains("BEGIN:VCALENDAR", message);
    }

    [Fact]
    public async Task Plain_text_that_is_not_utf8_is_rejected()
    {
        var latin1 = new byte[] { (byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'\n' };

        var error = await Assert.ThrowsAsync<StrataException>(
            () => RecordReading.ReadAllAsync(new PlainTextRecordReader(), new MemoryStream(latin1)));

        Assert.Equal(ErrorCodes.MalformedContent, error.Code);
        Assert.Contains("0xE9", error.Message);
    }

    [Fact]
    public async Task A_csv_that_is_not_utf8_is_rejected_rather_than_altered()
    {
        var bytes = "name\n"u8.ToArray().Concat(new byte[] { 0xFF, (byte)'\n' }).ToArray();

        var error = await Assert.ThrowsAsync<StrataException>(
            () => RecordReading.ReadAllAsync(new CsvRecordReader(), new MemoryStream(bytes)));

        Assert.Equal(ErrorCodes.MalformedContent, error.Code);
    }
}
