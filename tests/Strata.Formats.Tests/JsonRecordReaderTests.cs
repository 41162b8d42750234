using System.Text;
using System.Text.Json;
using Strata.Core.Interpretation;
using Strata.Formats.Json;
using Strata.Formats.Tests.Support;

namespace Strata.Formats.Tests;

public sealed class JsonRecordReaderTests
{
    private readonly JsonRecordReader _reader = new();

    [Fact]
    public async Task A_top_level_object_with_an_entity_type_is_one_typed_record()
    {
        var record = (await RecordReading.ReadAllAsync(_reader, """{"entity_type": "contact", "name": "Ada"}""")).Single();

        Assert.Equal("contact", record.EntityType);
        Assert.Equal("document", record.Locator);
        Assert.Equal(["name"], record.Fields.Keys);
    }

    [Fact]
    public async Task A_top_level_object_without_entity_type_or_entities_is_one_untyped_record()
    {
        var record = (await RecordReading.ReadAllAsync(_reader, """{"name": "Ada", "tags": ["a", "b"]}""")).Single();

        Assert.Null(record.EntityType);
        Assert.Equal(2, record.Fields["tags"].GetArrayLength());
    }

    [Fact]
    public async Task An_array_gives_one_record_per_object_located_by_index()
    {
        var records = await RecordReading.ReadAllAsync(
            _reader, """[{"entity_type": "contact", "name": "Ada"}, {"name": "Bob"}]""");

        Assert.Equal(["index:0", "index:1"], records.Select(record => record.Locator));
        Assert.Equal(["contact", null], records.Select(record => record.EntityType));
        Assert.Equal("Bob", records[1].Text("name"));
    }

    [Fact]
    public async Task An_entities_wrapper_gives_one_record_per_element()
    {
        var records = await RecordReading.ReadAllAsync(
            _reader, """{"entities": [{"entity_type": "company", "name": "Acme"}, {"entity_type": "contact", "name": "Ada"}]}""");

        Assert.Equal(["company", "contact"], records.Select(record => record.EntityType));
        Assert.Equal(["index:0", "index:1"], records.Select(record => record.Locator));
    }

    [Fact]
    public async Task An_object_whose_entity_type_comes_before_entities_is_one_record_with_an_entities_field()
    {
        var record = (await RecordReading.ReadAllAsync(_reader, """{"entity_type": "topic", "entities": ["Paris", "Rome"]}""")).Single();

        Assert.Equal("topic", record.EntityType);
        Assert.Equal(2, record.Fields["entities"].GetArrayLength());
    }

    [Fact]
    public async Task Values_keep_their_json_types()
    {
        var record = (await RecordReading.ReadAllAsync(
            _reader, """[{"n": 12.50, "ok": true, "none": null, "zip": "08123", "at": {"city": "Oslo"}}]""")).Single();

        Assert.Equal(JsonValueKind.Number, record.Fields["n"].ValueKind);
        Assert.Equal("12.50", record.Fields["n"].GetRawText());
        Assert.Equal(JsonValueKind.True, record.Fields["ok"].ValueKind);
        Assert.Equal(JsonValueKind.Null, record.Fields["none"].ValueKind);
        Assert.Equal("08123", record.Text("zip"));
        Assert.Equal("Oslo", record.Fields["at"].GetProperty("city").GetString());
    }

    [Theory]
    [InlineData("""{"entity_type": "contact", "name": "Ada", "n": 12345, "tags": ["x"]}""", 1)]
    [InlineData("""{"entities": [{"n": 12345}, {"entity_type": "x"}, {}]}""", 3)]
    [InlineData(""" [ {"n": 12345} , {"s": "\u00e9\"é"} ] """, 2)]
    public async Task Every_shape_reads_the_same_when_the_input_arrives_one_byte_at_a_time(string json, int expected)
    {
        var whole = await RecordReading.ReadAllAsync(_reader, json);
        var trickled = await RecordReading.ReadAllAsync(_reader, json, maxBytesPerRead: 1);

        Assert.Equal(expected, trickled.Count);
        Assert.Equal(Describe(whole), Describe(trickled));
    }

    [Fact]
    public async Task An_empty_entities_wrapper_has_no_records()
    {
        Assert.Empty(await RecordReading.ReadAllAsync(_reader, """{"entities": []}"""));
    }

    [Fact]
    public async Task An_empty_array_has_no_records()
    {
        Assert.Empty(await RecordReading.ReadAllAsync(_reader, " [ ] \n"));
    }

    [Fact]
    public async Task A_byte_order_mark_is_skipped_even_when_it_arrives_one_byte_at_a_time()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""[{"a": 1}]""")).ToArray();

        var records = await RecordReading.ReadAllAsync(_reader, GeneratedStream.FromBytes(bytes, maxBytesPerRead: 1));

        Assert.Single(records);
    }

    [Fact]
    public async Task A_record_larger_than_the_read_buffer_is_read_whole()
    {
        var big = new string('x', 300_000);
        var json = $$"""[{"a": 1}, {"big": "{{big}}"}, {"a": 3}]""";

        var records = await RecordReading.ReadAllAsync(_reader, json, maxBytesPerRead: 4096);

        Assert.Equal(3, records.Count);
        Assert.Equal(big, records[1].Text("big"));
    }

    [Fact]
    public async Task Records_survive_after_the_reader_moves_on()
    {
        // Values must not point into pooled buffers that later reads reuse.
        var json = "[" + string.Join(",", Enumerable.Range(0, 5_000).Select(i => $$"""{"i": "{{i}}"}""")) + "]";

        var records = await RecordReading.ReadAllAsync(_reader, json, maxBytesPerRead: 100);

        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => i.ToString()), records.Select(record => record.Text("i")));
    }

    private static IEnumerable<string> Describe(IEnumerable<ExtractedRecord> records) =>
        records.Select(record => $"{record.Locator}|{record.EntityType}|" +
            string.Join(",", record.Fields.Select(field => $"{field.Key}={field.Value.GetRawText()}")));
}
