using System.Runtime.CompilerServices;
using Markdig;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Core.Interpretation;

namespace Strata.Formats.Documents.Markdown;

/// <summary>
/// Markdown (CommonMark with pipe tables and footnotes) into blocks whose content is their exact source text: a
/// block's locator sliced out of the document gives back its content, character for character.
/// </summary>
public sealed class MarkdownConverter : IDocumentConverter
{
    // Markdig's own limit on nesting (its MarkdownParser refuses deeper input).
    private const int MarkdigDepthLimit = 128;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePreciseSourceLocation()
        .UsePipeTables()
        .UseFootnotes()
        .Build();

    public string Name => "markdown";

    public string Version => "1";

    public bool CanConvert(string mediaType) => mediaType == MediaTypes.Markdown;

    public async IAsyncEnumerable<DocumentBlock> ConvertAsync(
        Stream content, ConversionLimits limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var lines = new TextLines(content, limits.MaxBlockChars);
        var segmenter = new MarkdownSegmenter(lines, limits.MarkdownSegmentChars);
        var writer = new BlockWriter(limits);
        while (await segmenter.NextAsync(cancellationToken) is var (text, offset))
        {
            foreach (var block in Blocks(Parse(text, offset), text, offset, writer))
            {
                yield return block;
            }
        }
    }

    /// <summary>Markdig refuses nesting past its own depth limit (quotes, lists, brackets inside one another) with an
    /// <see cref="ArgumentException"/>, which protects its recursive parts; here that refusal becomes the document's.</summary>
    private static MarkdownDocument Parse(string text, long offset)
    {
        try
        {
            return Markdig.Markdown.Parse(text, Pipeline);
        }
        catch (ArgumentException exception) when (exception.Message.Contains("too deeply nested", StringComparison.Ordinal))
        {
            throw StrataException.Malformed(
                $"The Markdown document nests quotes, lists or brackets more than {MarkdigDepthLimit} deep in the part that starts at " +
                $"character {offset:N0}, the most its parser reads.");
        }
    }

    private static IEnumerable<DocumentBlock> Blocks(MarkdownDocument document, string text, long offset, BlockWriter writer)
    {
        foreach (var block in document)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    yield return writer.Heading(heading.Level, MarkdownHeadingText.Of(heading), Slice(text, heading), Locate(heading, text, offset));
                    break;
                case ListBlock list:
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        yield return Emit(writer, BlockType.ListItem, text, item, offset, level: 1);
                    }
                    break;
                case FootnoteGroup footnotes:
                    foreach (var footnote in footnotes.OfType<Footnote>())
                    {
                        yield return Emit(writer, BlockType.Footnote, text, footnote, offset);
                    }
                    break;
                case LinkReferenceDefinitionGroup or BlankLineBlock:
                    break; // definitions are not content; the source keeps them
                default:
                    if (!block.Span.IsEmpty)
                    {
                        yield return Emit(writer, TypeOf(block), text, block, offset);
                    }
                    break;
            }
        }
    }

    private static BlockType TypeOf(Block block) => block switch
    {
        ParagraphBlock => BlockType.Paragraph,
        CodeBlock => BlockType.CodeBlock, // fenced code blocks are code blocks too
        QuoteBlock => BlockType.Blockquote,
        HtmlBlock => BlockType.HtmlBlock,
        ThematicBreakBlock => BlockType.Divider,
        Table => BlockType.Table,
        _ => BlockType.Other,
    };

    private static DocumentBlock Emit(BlockWriter writer, BlockType type, string text, Block block, long offset, int? level = null) =>
        writer.Block(type, Slice(text, block), Locate(block, text, offset), level);

    private static string Slice(string text, Block block) =>
        text.Substring(block.Span.Start, MarkdownExtent.End(block, text) - block.Span.Start + 1);

    private static TextOffsetRange Locate(Block block, string text, long offset) =>
        new(offset + block.Span.Start, offset + MarkdownExtent.End(block, text) + 1);
}
