using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Strata.Formats.Documents.Docx;

/// <summary>What a paragraph's style makes it: a heading of some level, a list item of some depth, a caption.
/// Styles are followed through their <c>basedOn</c> chain, so a custom style built on "heading 2" is a heading.</summary>
internal sealed class DocxParagraphs
{
    private readonly Dictionary<string, W.Style> _styles;

    public DocxParagraphs(W.Styles? styles)
    {
        _styles = styles?.Elements<W.Style>().Where(s => s.StyleId?.Value is not null)
            .GroupBy(s => s.StyleId!.Value!).ToDictionary(g => g.Key, g => g.First()) ?? [];
    }

    public int? HeadingLevel(W.Paragraph paragraph)
    {
        if (paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value is { } direct && direct < 9)
        {
            return direct + 1;
        }
        foreach (var style in Chain(paragraph))
        {
            var name = style.StyleName?.Val?.Value?.ToLowerInvariant() ?? string.Empty;
            if (name == "title")
            {
                return 1;
            }
            if (name.StartsWith("heading ", StringComparison.Ordinal) && int.TryParse(name[8..], out var level) && level is >= 1 and <= 9)
            {
                return level;
            }
            if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline && outline < 9)
            {
                return outline + 1;
            }
        }
        return null;
    }

    public int? ListLevel(W.Paragraph paragraph)
    {
        if (paragraph.ParagraphProperties?.NumberingProperties is { } numbering)
        {
            return numbering.NumberingId?.Val?.Value == 0 ? null : (numbering.NumberingLevelReference?.Val?.Value ?? 0) + 1;
        }
        foreach (var style in Chain(paragraph))
        {
            if (style.StyleParagraphProperties?.NumberingProperties is { } styleNumbering)
            {
                return (styleNumbering.NumberingLevelReference?.Val?.Value ?? 0) + 1;
            }
        }
        return null;
    }

    public bool IsCaption(W.Paragraph paragraph) =>
        Chain(paragraph).Any(s => string.Equals(s.StyleName?.Val?.Value, "caption", StringComparison.OrdinalIgnoreCase));

    private IEnumerable<W.Style> Chain(W.Paragraph paragraph)
    {
        var id = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        var seen = new HashSet<string>();
        while (id is not null && seen.Add(id) && _styles.TryGetValue(id, out var style))
        {
            yield return style;
            id = style.BasedOn?.Val?.Value;
        }
    }
}
