using System.Globalization;
using System.Text;
using System.Xml;
using Strata.Core.Documents;

namespace Strata.Formats.Documents.Pdf;

/// <summary>Reads pdftotext's bbox-layout XHTML (page › flow › block › line › word) a block at a time.</summary>
internal static class PdfLayoutReader
{
    public static async IAsyncEnumerable<DocumentBlock> ReadAsync(XmlReader xml, BlockWriter writer, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = 0;
        var text = new StringBuilder();
        var line = new StringBuilder();
        (double XMin, double YMin, double XMax, double YMax) box = default;
        var advanced = false; // reading a word's content moves the reader to the node after it
        while (advanced || await xml.ReadAsync())
        {
            advanced = false;
            cancellationToken.ThrowIfCancellationRequested();
            if (xml.NodeType == XmlNodeType.Element)
            {
                switch (xml.LocalName)
                {
                    case "page":
                        page++;
                        break;
                    case "block":
                        text.Clear();
                        box = (Number(xml, "xMin"), Number(xml, "yMin"), Number(xml, "xMax"), Number(xml, "yMax"));
                        break;
                    case "line":
                        line.Clear();
                        break;
                    case "word":
                        var word = await xml.ReadElementContentAsStringAsync();
                        line.Append(line.Length > 0 ? " " : "").Append(word);
                        advanced = true;
                        break;
                }
            }
            else if (xml.NodeType == XmlNodeType.EndElement)
            {
                if (xml.LocalName == "line")
                {
                    EndLine(text, line);
                }
                else if (xml.LocalName == "block" && text.Length > 0)
                {
                    yield return writer.Block(BlockType.Paragraph, text.ToString(),
                        new PageBox(page, box.XMin, box.YMin, box.XMax, box.YMax));
                    text.Clear();
                }
            }
        }
    }

    private static void EndLine(StringBuilder text, StringBuilder line)
    {
        if (line.Length == 0)
        {
            return;
        }
        text.Append(text.Length > 0 ? "\n" : "").Append(line);
        line.Clear();
    }

    private static double Number(XmlReader xml, string attribute) =>
        double.TryParse(xml.GetAttribute(attribute), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
