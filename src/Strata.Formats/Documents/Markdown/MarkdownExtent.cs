using Markdig.Syntax;

namespace Strata.Formats.Documents.Markdown;

/// <summary>
/// Where a top-level block really ends. Markdig's span stops early in two cases the CommonMark examples show: an
/// ATX heading's closing #s (<c>## foo ##</c>) and a fenced code block that is never closed, whose lines run on
/// past the span. A block's extent reaches its last line and, for a heading, the end of its line.
/// </summary>
internal static class MarkdownExtent
{
    /// <summary>The index of the block's last character (inclusive, as Markdig's spans are).</summary>
    public static int End(Block block, string text)
    {
        var end = block.Span.End;
        if (block is LeafBlock { Lines.Count: > 0 } leaf)
        {
            var lines = leaf.Lines;
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines.Lines[i];
                if (line.Slice.Length > 0)
                {
                    end = Math.Max(end, line.Slice.End);
                }
            }
        }
        if (block is HeadingBlock { IsSetext: false })
        {
            while (end + 1 < text.Length && text[end + 1] is not ('\r' or '\n'))
            {
                end++;
            }
            while (end > block.Span.Start && text[end] is ' ' or '\t')
            {
                end--; // trailing blanks after the closing #s are not the heading's
            }
        }
        return end;
    }
}
