using HtmlAgilityPack;
using Strata.Core.Errors;

namespace Strata.Formats.Documents.Html;

/// <summary>
/// Refuses HTML nested deeper than <see cref="ConversionLimits.MaxNestingDepth"/>. HtmlAgilityPack's parse costs
/// about the square of the nesting depth (20,000 nested elements take seconds, 90,000 minutes) and the block walk
/// recurses once per level, so a hostile file could hold a worker for hours or overflow its stack — an uncatchable
/// crash of the whole process. The text is therefore scanned first, in one pass with a stack no deeper than the
/// limit, the way the parser nests (void elements, and elements whose end tag is optional, do not deepen); the built
/// tree is then measured without recursion, so whatever the scan missed is caught before anything walks it.
/// </summary>
internal static class HtmlNesting
{
    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "frame", "keygen", "isindex", "basefont", "bgsound", "spacer",
    };

    // A start tag of one of these closes an open element of the same name, as the parser does (<li>a<li>b: siblings).
    private static readonly HashSet<string> SelfClosingSiblings = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp",
    };

    private static readonly string[] RawText = ["script", "style", "textarea", "title", "xmp", "plaintext"];

    /// <summary>Scans the source text before it is parsed.</summary>
    public static void CheckSource(string html, int maxDepth)
    {
        var open = new List<string>();
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            var next = html[i + 1];
            if (next == '!' || next == '?')
            {
                i = SkipPast(html, i, html.AsSpan(i).StartsWith("<!--") ? "-->" : ">");
                continue;
            }
            var closing = next == '/';
            var nameStart = closing ? i + 2 : i + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':' or '_'))
            {
                nameEnd++;
            }
            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                i++;
                continue;
            }
            var name = html[nameStart..nameEnd];
            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0) return; // an unfinished last tag: the parser keeps it as text
            if (closing)
            {
                Close(open, name);
            }
            else if (!Void.Contains(name) && html[tagEnd - 1] != '/')
            {
                if (SelfClosingSiblings.Contains(name) && open.Count > 0 && string.Equals(open[^1], name, StringComparison.OrdinalIgnoreCase))
                {
                    open.RemoveAt(open.Count - 1);
                }
                open.Add(name);
                if (open.Count > maxDepth) throw TooDeep(maxDepth);
                if (RawText.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    // Their content is text, not tags, up to their end tag.
                    var end = html.IndexOf("</" + name, tagEnd, StringComparison.OrdinalIgnoreCase);
                    open.RemoveAt(open.Count - 1);
                    if (end < 0) return;
                    tagEnd = html.IndexOf('>', end);
                    if (tagEnd < 0) return;
                }
            }
            i = tagEnd + 1;
        }
    }

    /// <summary>Measures the tree the parser built, with an explicit stack.</summary>
    public static void CheckTree(HtmlNode root, int maxDepth)
    {
        var pending = new Stack<(HtmlNode Node, int Depth)>();
        pending.Push((root, 0));
        while (pending.TryPop(out var entry))
        {
            if (entry.Depth > maxDepth) throw TooDeep(maxDepth);
            foreach (var child in entry.Node.ChildNodes)
            {
                if (child.HasChildNodes) pending.Push((child, entry.Depth + 1));
            }
        }
    }

    private static void Close(List<string> open, string name)
    {
        var at = open.FindLastIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (at >= 0) open.RemoveRange(at, open.Count - at);
    }

    private static int SkipPast(string html, int from, string terminator)
    {
        var end = html.IndexOf(terminator, from + 2, StringComparison.Ordinal);
        return end < 0 ? html.Length : end + terminator.Length;
    }

    private static StrataException TooDeep(int maxDepth) => StrataException.Malformed(
        $"The HTML document nests elements more than {maxDepth:N0} deep, the most Strata converts; no real page needs as many.");
}
