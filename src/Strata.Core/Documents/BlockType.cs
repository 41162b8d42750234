namespace Strata.Core.Documents;

/// <summary>What a block of a converted document is. The wire names are snake_case (<see cref="BlockTypes.Name"/>).</summary>
public enum BlockType
{
    Heading,
    Paragraph,
    ListItem,
    CodeBlock,
    Table,
    Blockquote,
    HtmlBlock,
    Footnote,
    Divider,
    Figure,
    Caption,
    PageHeader,
    PageFooter,
    KeyValue,
    Record,
    /// <summary>One message of a conversation (chat-history imports); its role and time are in the block's attributes.</summary>
    Message,
    Other,
}

public static class BlockTypes
{
    /// <summary>The stable wire name: <c>list_item</c>, <c>code_block</c>, <c>page_header</c>…</summary>
    public static string Name(this BlockType type) => type switch
    {
        BlockType.ListItem => "list_item",
        BlockType.CodeBlock => "code_block",
        BlockType.HtmlBlock => "html_block",
        BlockType.PageHeader => "page_header",
        BlockType.PageFooter => "page_footer",
        BlockType.KeyValue => "key_value",
        _ => type.ToString().ToLowerInvariant(),
    };
}
