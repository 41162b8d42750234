using HtmlAgilityPack;
using Strata.Core.Documents;

namespace Strata.Formats.Documents.Html;

/// <summary>Walks the element tree in document order: block elements become blocks, containers are entered, and
/// runs of inline content directly inside a container become paragraphs.</summary>
internal sealed class HtmlBlockWalker(BlockWriter writer)
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "object", "svg", "button", "select",
    };

    private static readonly HashSet<string> Containers = new(StringComparer.OrdinalIgnoreCase)
    {
        "#document", "html", "body", "div", "section", "article", "main", "header", "footer", "nav", "aside", "ul", "ol", "menu",
        "form", "fieldset", "details", "center", "address", "hgroup", "search",
    };

    public IEnumerable<DocumentBlock> Walk(HtmlNode container)
    {
        var run = new List<HtmlNode>();
        foreach (var child in container.ChildNodes)
        {
            if (child.NodeType == HtmlNodeType.Comment || Dropped.Contains(child.Name))
            {
                continue;
            }
            if (child.NodeType == HtmlNodeType.Text || !IsBlock(child))
            {
                run.Add(child);
                continue;
            }
            foreach (var block in FlushRun(run))
            {
                yield return block;
            }
            foreach (var block in Containers.Contains(child.Name) ? Walk(child) : Element(child))
            {
                yield return block;
            }
        }
        foreach (var block in FlushRun(run))
        {
            yield return block;
        }
    }

    private static bool IsBlock(HtmlNode node) => Containers.Contains(node.Name) || HtmlBlockKinds.TypeOf(node.Name) is not null;

    private IEnumerable<DocumentBlock> Element(HtmlNode element)
    {
        var type = HtmlBlockKinds.TypeOf(element.Name)!.Value;
        var locator = Locate(element);
        if (type == BlockType.Heading)
        {
            var text = HtmlText.Of(element);
            if (text.Length > 0)
            {
                yield return writer.Heading(element.Name[1] - '0', text, text, locator);
            }
            yield break;
        }
        var content = type switch
        {
            BlockType.CodeBlock => HtmlText.Preformatted(element),
            BlockType.Table => HtmlTable.ToMarkdown(element),
            BlockType.Divider => "---",
            BlockType.KeyValue => HtmlText.Definitions(element),
            _ => HtmlText.Of(element),
        };
        if (content.Length > 0)
        {
            yield return writer.Block(type, content, locator, type == BlockType.ListItem ? ListDepth(element) : null);
        }
    }

    private IEnumerable<DocumentBlock> FlushRun(List<HtmlNode> run)
    {
        if (run.Count == 0)
        {
            yield break;
        }
        var text = HtmlText.Of(run);
        if (text.Length > 0)
        {
            var first = run[0];
            var last = run[^1];
            yield return writer.Block(BlockType.Paragraph, text,
                new TextOffsetRange(first.OuterStartIndex, last.OuterStartIndex + last.OuterLength));
        }
        run.Clear();
    }

    private static TextOffsetRange Locate(HtmlNode node) => new(node.OuterStartIndex, node.OuterStartIndex + node.OuterLength);

    private static int ListDepth(HtmlNode item) =>
        item.Ancestors().Count(a => a.Name is "ul" or "ol" or "menu");
}
