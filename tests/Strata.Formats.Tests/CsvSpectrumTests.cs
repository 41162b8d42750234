using System.Text.Json;
using Strata.Formats.Csv;
using Strata.Formats.Tests.Support;

namespace Strata.Formats.Tests;

/// <summary>The csv-spectrum acid test: every CSV must read as its JSON twin says.</summary>
public sealed class CsvSpectrumTests
{
    /// <summary>Every CSV of the fixture folder, so a fixture added there is tested without being listed here.</summary>
    public static TheoryData<string> SpectrumNames() =>
        new(Directory.GetFiles(Fixture.Path("csv_spectrum", "csvs"), "*.csv").Select(f => Path.GetFileNameWithoutExtension(f)!).Order());

    [Theory]
    [MemberData(nameof(SpectrumNames))]
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
    public void Every_spectrum_csv_has_its_expected_json_and_the_set_is_the_published_one()
    {
        static IEnumerable<string> Names(string folder, string extension) =>
            Directory.GetFiles(Fixture.Path("csv_spectrum", folder), "*" + extension).Select(f => Path.GetFileNameWithoutExtension(f)!).Order();

        Assert.Equal(Names("json", ".json"), Names("csvs", ".csv"));
        Assert.Contains("quotes_and_newlines", Names("csvs", ".csv")); // the folder is the csv-spectrum set, not an empty stand-in
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
