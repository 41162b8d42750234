using Strata.Formats.Csv;
using Strata.Formats.Json;
using Strata.Formats.Tests.Support;

namespace Strata.Formats.Tests;

/// <summary>Large inputs produced on the fly through a non-seekable stream are read to the end.</summary>
public sealed class StreamingTests
{
    private const int Count = 200_000;

    [Fact]
    public async Task A_json_array_of_200000_objects_is_read_from_a_non_seekable_stream()
    {
        var records = 0;
        string? lastId = null;
        await foreach (var record in new JsonRecordReader().ReadAsync(GeneratedStream.FromText(JsonArray()), new(), CancellationToken.None))
        {
            records++;
            lastId = record.Text("id");
        }

        Assert.Equal(Count, records);
        Assert.Equal((Count - 1).ToString(), lastId);
    }

    [Fact]
    public async Task A_csv_of_200000_rows_is_read_from_a_non_seekable_stream()
    {
        var records = 0;
        string? lastLocator = null;
        await foreach (var record in new CsvRecordReader().ReadAsync(GeneratedStream.FromText(CsvRows()), new(), CancellationToken.None))
        {
            records++;
            lastLocator = record.Locator;
        }

        Assert.Equal(Count, records);
        Assert.Equal($"row:{Count}", lastLocator);
    }

    private static IEnumerable<string> JsonArray()
    {
        yield return "[";
        for (var i = 0; i < Count; i++)
        {
            yield return $$"""{{(i == 0 ? "" : ",")}}{"entity_type": "item", "id": "{{i}}", "n": {{i}}}""";
        }
        yield return "]";
    }

    private static IEnumerable<string> CsvRows()
    {
        yield return "id,name,note\r\n";
        for (var i = 0; i < Count; i++)
        {
            yield return $"{i},\"Name {i}\",\"multi\r\nline, with \"\"quotes\"\"\"\r\n";
        }
    }
}
