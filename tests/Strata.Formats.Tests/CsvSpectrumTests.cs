using System.Text.Json;
using Strata.Formats.Csv;
using Strata.Formats.Tests.Support;

namespace Strata.Formats.Tests;

/// <summary>The csv-spectrum acid test: every CSV must read as its JSON twin says.</summary>
public sealed class CsvSpectrumTests
{
    [Theory]
    [InlineData("comma_in_quotes")]
    [InlineData("empty")]
    [InlineData("empty_crlf")]
    [InlineData("escaped_quotes")]
    [InlineData("json")]
    [InlineData("newlines")]
    [InlineData("newlines_crlf")]
    [InlineData("quotes_and_newlines")]
    [InlineData("simple")]
    [InlineData("simple_crlf")]
    [InlineData("utf8")]
    public async Task Each_spectrum_csv_reads_as_its_expected_json(string name)
    {
        var expected = ExpectedRows(name);
        await using var csv = File.OpenRead(Fixture.Path("csv_spectrum", "csvs", name + ".csv"));

        var records = await RecordReading.ReadAllAsync(new CsvRecordReader(), csv);

        Assert.Equal(expected.Count, records.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal($"row:{i + 1}", records[i].Locator);
            Assert.Null(records[i].EntityType);
            var actual = records[i].Fields.ToDictionary(field => field.Key, field => field.Value.GetString());
            Assert.Equal(expected[i], actual);
        }
    }

    [Fact]
    public void The_fixture_set_is_complete()
    {
        // Guards the theory above: a fixture added to the folder but not to the list would go untested.
        var names = Directory.GetFiles(Fixture.Path("csv_spectrum", "csvs"), "*.csv").Select(Path.GetFileNameWithoutExtension);
        Assert.Equal(11, names.Count());
    }

    /// <summary>
    /// The expected JSON with the reader's own conventions applied: header names normalised, and empty cells
    /// absent rather than "" (the reader omits empty cells).
    /// </summary>
    private static List<Dictionary<string, string?>> ExpectedRows(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Fixture.Path("csv_spectrum", "json", name + ".json")));
        return json.RootElement.EnumerateArray()
            .Select(row => row.EnumerateObject()
                .Where(cell => cell.Value.GetString()!.Length > 0)
                .ToDictionary(cell => CsvHeader.NormalizeName(cell.Name), cell => cell.Value.GetString()))
            .ToList();
    }
}
