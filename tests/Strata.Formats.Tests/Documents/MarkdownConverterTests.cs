using System.Text.Json;
using Strata.Core.Documents;
using Strata.Formats.Documents;
using Strata.Formats.Documents.Markdown;
using Strata.Formats.Tests.Support;

namespace Strata.Formats.Tests.Documents;

public sealed class MarkdownConverterTests
{
    private static readonly MarkdownConverter Converter = new();

    public static TheoryData<int> SpecExamples()
    {
        var data = new TheoryData<int>();
        foreach (var example in Examples())
        {
            data.Add(example.Number);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SpecExamples))]
    public async Task Every_block_of_every_CommonMark_example_slices_back_to_its_exact_source(int number)
    {
        var markdown = Examples().Single(e => e.Number == number).Markdown;

        var blocks = await Converting.AllAsync(Converter, markdown);

        long previousEnd = 0;
        foreach (var block in blocks)
        {
            var range = Assert.IsType<TextOffsetRange>(block.Locator);
            Assert.True(range.Start >= previousEnd, $"block {block.Index} overlaps the one before it");
            Assert.True(range.End > range.Start);
            Assert.Equal(block.Content, Converting.Slice(markdown, block));
            previousEnd = range.End;
        }
        Assert.Equal(Enumerable.Range(0, blocks.Count), blocks.Select(b => b.Index));

        // Nothing is lost: every character outside the blocks is blank, unless the example defines link references
        // (definitions are not content; the source keeps them).
        var covered = new bool[markdown.Length];
        foreach (var range in blocks.Select(b => (TextOffsetRange)b.Locator))
        {
            Array.Fill(covered, true, (int)range.Start, (int)(range.End - range.Start));
        }
        var uncovered = new string(markdown.Where((c, i) => !covered[i] && !char.IsWhiteSpace(c)).ToArray());
        Assert.True(uncovered.Length == 0 || markdown.Contains("]:", StringComparison.Ordinal),
            $"characters outside every block: '{uncovered}'");
    }

    [Fact]
    public async Task Cutting_the_document_into_segments_gives_the_same_blocks_as_parsing_it_whole()
    {
        // The whole spec's examples as one long document, separated by headings, parsed once whole and once in
        // segments of about 2,000 characters: segmenting must not change a single block.
        var document = string.Join("\n", Examples().Select(e => $"# Example {e.Number}\n\n{e.Markdown}\n"));
        var whole = await Converting.AllAsync(Converter, document, new ConversionLimits(MarkdownSegmentChars: int.MaxValue));
        var segmented = await Converting.AllAsync(Converter, document, new ConversionLimits(MarkdownSegmentChars: 2_000));

        Assert.Equal(whole.Count, segmented.Count);
        for (var i = 0; i < whole.Count; i++)
        {
            Assert.Equal(whole[i].Type, segmented[i].Type);
            Assert.Equal(whole[i].Locator, segmented[i].Locator);
            Assert.Equal(whole[i].Content, segmented[i].Content);
            Assert.Equal(whole[i].HeadingPath, segmented[i].HeadingPath);
        }
        Assert.All(segmented, b => Assert.Equal(b.Content, Converting.Slice(document, b)));
    }

    [Fact]
    public async Task Blocks_are_typed_and_sit_under_their_headings()
    {
        const string markdown = """
            # Contract

            Intro paragraph.

            ## Payment

            - first item
            - second item

            ```
            code here
            ```

            > quoted

            | a | b |
            |---|---|
            | 1 | 2 |

            ---

            # Annex
            Text[^1].

            [^1]: The note.
            """;

        var blocks = await Converting.AllAsync(Converter, markdown.ReplaceLineEndings("\n"));

        Assert.Equal(
            [BlockType.Heading, BlockType.Paragraph, BlockType.Heading, BlockType.ListItem, BlockType.ListItem, BlockType.CodeBlock,
             BlockType.Blockquote, BlockType.Table, BlockType.Divider, BlockType.Heading, BlockType.Paragraph, BlockType.Footnote],
            blocks.Select(b => b.Type));
        Assert.Equal(["Contract", "Payment"], blocks[3].HeadingPath);
        Assert.Equal(["Contract"], blocks[2].HeadingPath);
        Assert.Equal(["Annex"], blocks[10].HeadingPath);
        Assert.Equal(2, blocks[2].Level);
        Assert.Equal("- first item", blocks[3].Content);
    }

    [Fact]
    public async Task Crlf_line_endings_and_non_ascii_text_keep_exact_offsets()
    {
        const string markdown = "# Tête\r\n\r\nÜber 😀 café\r\nsecond line\r\n\r\n* liste\r\n";

        var blocks = await Converting.AllAsync(Converter, markdown);

        Assert.Equal(3, blocks.Count);
        Assert.All(blocks, b => Assert.Equal(b.Content, Converting.Slice(markdown, b)));
        Assert.Equal("Über 😀 café\r\nsecond line", blocks[1].Content);
        Assert.Equal(["Tête"], blocks[1].HeadingPath);
    }

    private static IEnumerable<(int Number, string Markdown)> Examples()
    {
        using var file = File.OpenRead(Fixture.Path("commonmark", "spec.json"));
        using var json = JsonDocument.Parse(file);
        return json.RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("example").GetInt32(), e.GetProperty("markdown").GetString()!))
            .ToList();
    }
}
