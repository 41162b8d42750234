using Strata.Core.Documents;

namespace Strata.Formats.Documents.Html;

/// <summary>Which HTML elements are blocks of their own, and of what type.</summary>
internal static class HtmlBlockKinds
{
    public static BlockType? TypeOf(string elementName) => elementName.ToLowerInvariant() switch
    {
        "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => BlockType.Heading,
        "p" => BlockType.Paragraph,
        "li" => BlockType.ListItem,
        "pre" => BlockType.CodeBlock,
        "table" => BlockType.Table,
        "blockquote" => BlockType.Blockquote,
        "hr" => BlockType.Divider,
        "figure" or "img" => BlockType.Figure,
        "figcaption" or "caption" => BlockType.Caption,
        "dl" => BlockType.KeyValue,
        _ => null,
    };
}
