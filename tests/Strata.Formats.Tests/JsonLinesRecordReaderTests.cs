using System.Text.Json;
using Strata.Formats.JsonLines;
using Strata.Formats.Tests.Support;

namespace Strata.Formats.Tests;

public sealed class JsonLinesRecordReaderTests
{
    private readonly JsonLinesRecordReader _reader = new();

    [Fact]
    public async Task Each_non_blank_line_is_a_record_located_by_its_line_number()
    {
        var records = await RecordReading.ReadAllAsync(
            _reader, "{\"entity_type\": \"task\", \"n\": 1}\r\n\r\n   \n{\"n\": 2}\n");

        Assert.Equal(["line:1", "line:4"], records.Select(record => record.Locator));
        Assert.Equal(["task", null], records.Select(record => record.EntityType));
        Assert.Equal(JsonValueKind.Number, records[1].Fields["n"].ValueKind);
    }

    [Fact]
    public async Task A_line_that_is_not_an_object_is_rejected_by_line_number()
    {
        var message = await RecordReading.MalformedMessageAsync(_reader, "{\"n\": 1}\n[1, 2]\n");

        Assert.Contains("Line 2", message);
    }
}
