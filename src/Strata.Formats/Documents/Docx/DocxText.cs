using System.Text;
using DocumentFormat.OpenXml;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Strata.Formats.Documents.Docx;

/// <summary>The visible text of Word elements: text runs, tabs and breaks; deleted revisions left out.</summary>
internal static class DocxText
{
    public static string Of(OpenXmlElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Descendants())
        {
            switch (node)
            {
                case W.Text t:
                    text.Append(t.Text);
                    break;
                case W.TabChar:
                    text.Append('\t');
                    break;
                case W.Break or W.CarriageReturn:
                    text.Append('\n');
                    break;
            }
        }
        return text.ToString();
    }

    public static string OfCell(W.TableCell cell) =>
        string.Join(' ', cell.Elements<W.Paragraph>().Select(p => Of(p).Trim()).Where(t => t.Length > 0)).Replace("|", "\\|", StringComparison.Ordinal);
}
