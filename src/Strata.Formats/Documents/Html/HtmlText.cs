using System.Text;
using HtmlAgilityPack;

namespace Strata.Formats.Documents.Html;

/// <summary>Readable text of HTML nodes: entities decoded, whitespace collapsed (kept in preformatted text),
/// non-content elements left out, images by their alt text.</summary>
internal static class HtmlText
{
    public static string Of(HtmlNode node) => Of([node]);

    public static string Of(IEnumerable<HtmlNode> nodes)
    {
        var text = new StringBuilder();
        foreach (var node in nodes)
        {
            Append(node, text);
        }
        return Collapse(text.ToString());
    }

    public static string Preformatted(HtmlNode node) => HtmlEntity.DeEntitize(node.InnerText).Trim('\r', '\n');

    /// <summary>A definition list as "term: definition" lines.</summary>
    public static string Definitions(HtmlNode list)
    {
        var lines = new List<string>();
        string? term = null;
        foreach (var child in list.ChildNodes.Where(c => c.NodeType == HtmlNodeType.Element))
        {
            if (child.Name == "dt")
            {
                term = Of(child);
            }
            else if (child.Name == "dd")
            {
                lines.Add(term is null ? Of(child) : $"{term}: {Of(child)}");
            }
        }
        return string.Join('\n', lines);
    }

    private static void Append(HtmlNode node, StringBuilder text)
    {
        switch (node.NodeType)
        {
            case HtmlNodeType.Text:
                text.Append(HtmlEntity.DeEntitize(node.InnerText));
                return;
            case HtmlNodeType.Comment:
                return;
        }
        if (node.Name is "script" or "style" or "noscript" or "template")
        {
            return;
        }
        if (node.Name == "img")
        {
            text.Append(node.GetAttributeValue("alt", string.Empty));
            return;
        }
        if (node.Name == "br")
        {
            text.Append(' ');
        }
        foreach (var child in node.ChildNodes)
        {
            Append(child, text);
            if (child.NodeType == HtmlNodeType.Element && HtmlBlockKinds.TypeOf(child.Name) is not null)
            {
                text.Append(' '); // nested blocks (a list inside an item) stay separate words
            }
        }
    }

    private static string Collapse(string text)
    {
        var collapsed = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = collapsed.Length > 0;
                continue;
            }
            if (space)
            {
                collapsed.Append(' ');
                space = false;
            }
            collapsed.Append(c);
        }
        return collapsed.ToString();
    }
}
