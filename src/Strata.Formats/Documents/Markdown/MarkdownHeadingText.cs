using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Strata.Formats.Documents.Markdown;

/// <summary>A heading's text without its markers or emphasis: what a heading path shows.</summary>
internal static class MarkdownHeadingText
{
    public static string Of(HeadingBlock heading)
    {
        if (heading.Inline is null)
        {
            return string.Empty;
        }
        var text = new StringBuilder();
        foreach (var inline in heading.Inline.Descendants<Inline>())
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
            }
        }
        return text.ToString().Trim();
    }
}
