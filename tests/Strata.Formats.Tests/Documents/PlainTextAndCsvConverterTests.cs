using System.Text;
using System.Text.Json;
using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Formats.Documents;
using Strata.Formats.Documents.Csv;
using Strata.Formats.Documents.PlainText;
using Strata.Formats.Tests.Support;

namespace Strata.Formats.Tests.Documents;

public sealed class PlainTextAndCsvConverterTests
{
    [Fact]
    public async Task Plain_text_becomes_one_paragraph_per_run_of_lines_each_located_exactly()
    {
        const string text = "First line\r\nstill first\r\n\r\n\r\nSecond ünïcode 😀\n   \nThird";

        var blocks = await Converting.AllAsync(new PlainTextConverter(), text);

        Assert.Equal(["First line\r\nstill first", "Second ünïcode 😀", "Third"], blocks.Select(b => b.Content));
        Assert.All(blocks, b => Assert.Equal(b.Content, Converting.Slice(text, b)));
        Assert.All(blocks, b => Assert.Equal(BlockType.Paragraph, b.Type));
    }

    [Fact]
    public async Task A_paragraph_longer_than_the_block_limit_is_cut_at_line_breaks_and_nothing_is_lost()
    {
        var text = string.Concat(Enumerable.Range(0, 100).Select(i => $"line {i:D3} of a long paragraph\n"));

        var blocks = await Converting.AllAsync(new PlainTextConverter(), text, new ConversionLimits(MaxBlockChars: 200));

        Assert.True(blocks.Count > 10);
        Assert.All(blocks, b => Assert.True(b.Content.Length <= 200));
        Assert.Equal(text.Replace("\n", ""), string.Concat(blocks.Select(b => b.Content.Replace("\n", ""))));
        Assert.All(blocks, b => Assert.Equal(b.Content, Converting.Slice(text, b)));
    }

    [Fact]
    public async Task Too_many_blocks_is_refused_with_a_clear_error()
    {
        var text = string.Concat(Enumerable.Range(0, 50).Select(i => $"paragraph {i}\n\n"));

        var error = await Assert.ThrowsAsync<StrataException>(() =>
            Converting.AllAsync(new PlainTextConverter(), text, new ConversionLimits(MaxBlocks: 10)));

        Assert.Equal(ErrorCodes.FileTooLarge, error.Code);
        Assert.Contains("10 blocks", error.Message);
    }

    [Fact]
    public async Task Invalid_utf8_is_refused_as_malformed_not_replaced()
    {
        var bytes = Encoding.UTF8.GetBytes("fine\n\n").Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        var error = await Assert.ThrowsAsync<StrataException>(() => Converting.AllAsync(new PlainTextConverter(), new MemoryStream(bytes)));

        Assert.Equal(ErrorCodes.MalformedContent, error.Code);
    }

    public static TheoryData<string> SpectrumFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Fixture.Path("csv_spectrum", "csvs"), "*.csv"))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SpectrumFiles))]
    public async Task Every_csv_spectrum_row_becomes_a_record_block_whose_locator_is_the_exact_row(string file)
    {
        var bytes = await File.ReadAllBytesAsync(Fixture.Path("csv_spectrum", "csvs", file));
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        // The suite's own answer for the file: one object per row, its columns in order.
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Fixture.Path("csv_spectrum", "json", Path.ChangeExtension(file, ".json"))));

        var blocks = await Converting.AllAsync(new CsvConverter(), new MemoryStream(bytes));

        Assert.Equal(expected.RootElement.EnumerateArray().Select(row => string.Join('\n',
                row.EnumerateObject().Select(cell => $"{cell.Name}: {cell.Value.GetString()!.ReplaceLineEndings("\n")}"))),
            blocks.Select(b => b.Content));
        Assert.All(blocks, b => Assert.Equal(BlockType.Record, b.Type));
        foreach (var block in blocks)
        {
            var row = Converting.Slice(text, block);
            Assert.False(row.EndsWith('\n'), "a row's locator stops before its line break");
            // Every value of the record appears in the row's source text (quotes doubled there).
            // (a line without ": " continues a value that holds a line break).
            foreach (var line in block.Content.Split('\n'))
            {
                var separator = line.IndexOf(": ", StringComparison.Ordinal);
                var value = separator < 0 ? line : line[(separator + 2)..];
                Assert.Contains(value.Replace("\"", "\"\""), row.ReplaceLineEndings("\n"));
            }
        }
    }

    [Fact]
    public async Task Csv_records_name_their_columns_from_the_header()
    {
        const string csv = "name,city\nAda,London\n\"Grace, Rear Admiral\",\"New\nYork\"\n";

        var blocks = await Converting.AllAsync(new CsvConverter(), csv);

        Assert.Equal(["name: Ada\ncity: London", "name: Grace, Rear Admiral\ncity: New\nYork"], blocks.Select(b => b.Content));
        Assert.Equal("\"Grace, Rear Admiral\",\"New\nYork\"", Converting.Slice(csv, blocks[1]));
    }
}
