using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Strata.Formats.Csv;
using Strata.Formats.Json;
using Strata.Formats.JsonLines;
using Strata.Formats.Tests.Support;

namespace Strata.Formats.Tests;

/// <summary>The Big List of Naughty Strings must come out of every reader exactly as it went in.</summary>
public sealed class NaughtyStringsTests
{
    private static readonly string[] Strings = LoadStrings();

    [Fact]
    public async Task Every_naughty_string_round_trips_through_a_quoted_csv_cell()
    {
        var csv = new StringBuilder("value\n");
        foreach (var value in Strings)
        {
            csv.Append('"').Append(value.Replace("\"", "\"\"")).Append("\"\n");
        }

        // Small reads put chunk boundaries inside quotes, CRLF pairs and multi-byte characters.
        var records = await RecordReading.ReadAllAsync(new CsvRecordReader(), csv.ToString(), maxBytesPerRead: 7);

        var byRow = records.ToDictionary(record => record.Locator);
        for (var i = 0; i < Strings.Length; i++)
        {
            if (Strings[i].Length == 0)
            {
                // An empty cell is left out, which leaves this row with nothing at all.
                Assert.False(byRow.ContainsKey($"row:{i + 1}"));
                continue;
            }
            Assert.Equal(Strings[i], byRow[$"row:{i + 1}"].Text("value"));
        }
        Assert.Equal(Strings.Count(value => value.Length > 0), records.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_naughty_string_round_trips_through_a_json_field(bool escapeNonAscii)
    {
        // Reads of 5 bytes split tokens, escapes and multi-byte characters across buffer refills.
        var records = await RecordReading.ReadAllAsync(
            new JsonRecordReader(), GeneratedStream.FromBytes(JsonArrayOfValues(escapeNonAscii), maxBytesPerRead: 5));

        Assert.Equal(Strings.Length, records.Count);
        for (var i = 0; i < Strings.Length; i++)
        {
            Assert.Equal($"index:{i}", records[i].Locator);
            Assert.Equal(Strings[i], records[i].Text("value"));
        }
    }

    [Fact]
    public async Task Every_naughty_string_round_trips_through_a_json_lines_field()
    {
        var lines = Strings.Select(value => JsonSerializer.Serialize(new Dictionary<string, string> { ["value"] = value }));

        var records = await RecordReading.ReadAllAsync(new JsonLinesRecordReader(), string.Join("\n", lines));

        Assert.Equal(Strings, records.Select(record => record.Text("value")));
    }

    private static byte[] JsonArrayOfValues(bool escapeNonAscii)
    {
        var output = new MemoryStream();
        var options = new JsonWriterOptions
        {
            Encoder = escapeNonAscii ? JavaScriptEncoder.Default : JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var writer = new Utf8JsonWriter(output, options))
        {
            writer.WriteStartArray();
            foreach (var value in Strings)
            {
                writer.WriteStartObject();
                writer.WriteString("value", value);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return output.ToArray();
    }

    private static string[] LoadStrings()
    {
        var strings = JsonSerializer.Deserialize<string[]>(File.ReadAllText(Fixture.Path("blns", "blns.json")))!;
        Assert.True(strings.Length > 500, "The BLNS fixture should hold over 500 strings.");
        return strings;
    }
}
