using Strata.Core.Interpretation;
using Strata.Formats.Json;
using Strata.Formats.JsonLines;
using Strata.Formats.Tests.Support;

namespace Strata.Formats.Tests;

/// <summary>A string longer than the value limit is cut out while streaming: the record says which field and how long,
/// the rest of it is read as usual, and strings within the limit (escapes and all) pass unchanged.</summary>
public sealed class OverlongValueTests
{
    private static readonly RecordReadOptions Limit100 = new(MaxValueBytes: 100);

    [Fact]
    public async Task A_json_string_over_the_limit_is_left_out_and_named_on_its_record()
    {
        var json = $$"""[{"entity_type": "note", "title": "kept", "body": "{{new string('x', 5000)}}", "tail": "after \"it\""}, {"title": "next"}]""";
        var records = await ReadAsync(new JsonRecordReader(), json, maxBytesPerRead: 7);

        Assert.Equal(2, records.Count);
        Assert.Equal("kept", records[0].Text("title"));
        Assert.Equal("after \"it\"", records[0].Text("tail"));
        Assert.False(records[0].Fields.ContainsKey("body"));
        var cut = Assert.Single(records[0].TooLong);
        Assert.Equal(new TooLongValue("body", 5000), cut);
        Assert.Empty(records[1].TooLong);
    }

    [Fact]
    public async Task A_string_of_escapes_at_the_limit_is_kept_whole()
    {
        var escaped = string.Concat(Enumerable.Repeat("\\\"", 50)); // 100 bytes as written
        var records = await ReadAsync(new JsonRecordReader(), $$"""{"entity_type": "note", "q": "{{escaped}}"}""", maxBytesPerRead: 3);

        Assert.Equal(new string('"', 50), Assert.Single(records).Text("q"));
        Assert.Empty(records[0].TooLong);
    }

    [Fact]
    public async Task A_long_string_nested_in_a_field_leaves_the_whole_field_out()
    {
        var json = $$$"""{"entity_type": "contact", "name": "Ada", "address": {"street": "{{{new string('s', 300)}}}"}}""";
        var record = Assert.Single(await ReadAsync(new JsonRecordReader(), json));

        Assert.Equal("Ada", record.Text("name"));
        Assert.Equal("address", Assert.Single(record.TooLong).Field);
        Assert.False(record.Fields.ContainsKey("address"));
    }

    [Fact]
    public async Task A_json_lines_string_over_the_limit_is_left_out_and_later_lines_keep_their_numbers()
    {
        var text = $$"""
            {"entity_type": "note", "title": "one"}
            {"entity_type": "note", "title": "two", "body": "{{new string('y', 1000)}}"}
            {"entity_type": "note", "title": "three"}
            """;
        var records = await ReadAsync(new JsonLinesRecordReader(), text, maxBytesPerRead: 11);

        Assert.Equal(["line:1", "line:2", "line:3"], records.Select(r => r.Locator));
        Assert.Equal(new TooLongValue("body", 1000), Assert.Single(records[1].TooLong));
        Assert.Equal("three", records[2].Text("title"));
    }

    private static async Task<List<ExtractedRecord>> ReadAsync(IRecordReader reader, string text, int maxBytesPerRead = int.MaxValue)
    {
        var records = new List<ExtractedRecord>();
        await foreach (var record in reader.ReadAsync(GeneratedStream.FromText(text, maxBytesPerRead), Limit100, CancellationToken.None))
        {
            records.Add(record);
        }
        return records;
    }
}
