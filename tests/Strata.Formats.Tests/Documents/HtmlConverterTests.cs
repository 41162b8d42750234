using Strata.Core.Documents;
using Strata.Formats.Documents.Html;

namespace Strata.Formats.Tests.Documents;

public sealed class HtmlConverterTests
{
    private const string Page = """
        <!DOCTYPE html>
        <html><head><title>Not content</title><style>p { color: red }</style></head>
        <body>
          <script>var secret = "dropped";</script>
          <h1>Terms &amp; Conditions</h1>
          <p>First   paragraph
             with <b>bold</b> text.</p>
          <div>Loose text in a div <a href="#">with a link</a></div>
          <ul><li>one</li><li>two <ul><li>nested</li></ul></li></ul>
          <h2>Prices</h2>
          <table><tr><th>Item</th><th>Price</th></tr><tr><td>Tea</td><td>3 | 4</td></tr></table>
          <pre>  code
            kept</pre>
          <blockquote>Quoted words</blockquote>
          <hr>
          <dl><dt>Term</dt><dd>Definition</dd></dl>
          <noscript>no script</noscript>
        </body></html>
        """;

    [Fact]
    public async Task Html_becomes_typed_blocks_of_readable_text_without_scripts_or_styles()
    {
        var blocks = await Converting.AllAsync(new HtmlConverter(), Page);

        Assert.Equal(
            [BlockType.Heading, BlockType.Paragraph, BlockType.Paragraph, BlockType.ListItem, BlockType.ListItem, BlockType.Heading,
             BlockType.Table, BlockType.CodeBlock, BlockType.Blockquote, BlockType.Divider, BlockType.KeyValue],
            blocks.Select(b => b.Type));
        Assert.Equal("Terms & Conditions", blocks[0].Content);
        Assert.Equal("First paragraph with bold text.", blocks[1].Content);
        Assert.Equal("Loose text in a div with a link", blocks[2].Content);
        Assert.Equal("two nested", blocks[4].Content);
        Assert.Equal("| Item | Price |\n| --- | --- |\n| Tea | 3 \\| 4 |", blocks[6].Content);
        Assert.Equal("  code\n    kept", blocks[7].Content);
        Assert.Equal("Term: Definition", blocks[10].Content);
        Assert.Equal(["Terms & Conditions", "Prices"], blocks[7].HeadingPath);
        Assert.DoesNotContain(blocks, b => b.Content.Contains("dropped") || b.Content.Contains("color") || b.Content.Contains("no script"));
    }

    [Fact]
    public async Task Each_block_is_located_at_its_element_in_the_html_source()
    {
        var blocks = await Converting.AllAsync(new HtmlConverter(), Page);

        Assert.StartsWith("<h1>", Converting.Slice(Page, blocks[0]));
        Assert.EndsWith("</h1>", Converting.Slice(Page, blocks[0]));
        Assert.StartsWith("<p>First", Converting.Slice(Page, blocks[1]));
        Assert.EndsWith("text.</p>", Converting.Slice(Page, blocks[1]));
        Assert.Equal("Loose text in a div <a href=\"#\">with a link</a>", Converting.Slice(Page, blocks[2]));
        Assert.Equal("<li>one</li>", Converting.Slice(Page, blocks[3]));
        Assert.StartsWith("<table>", Converting.Slice(Page, blocks[6]));
        Assert.EndsWith("</table>", Converting.Slice(Page, blocks[6]));
    }
}
