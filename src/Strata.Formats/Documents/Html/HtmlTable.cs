using HtmlAgilityPack;

namespace Strata.Formats.Documents.Html;

/// <summary>An HTML table as a Markdown pipe table: the first row is the header.</summary>
internal static class HtmlTable
{
    public static string ToMarkdown(HtmlNode table)
    {
        var rows = table.Descendants("tr")
            .Where(r => r.Ancestors("table").FirstOrDefault() == table)
            .Select(r => r.ChildNodes.Where(c => c.Name is "td" or "th").Select(c => Cell(HtmlText.Of(c))).ToList())
            .Where(r => r.Count > 0)
            .ToList();
        return MarkdownTable.Render(rows);
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
