using DocumentFormat.OpenXml;
using Strata.Core.Documents;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Strata.Formats.Documents.Docx;

/// <summary>The body's paragraphs and tables in order, entering content controls; each located by its element path.</summary>
internal sealed class DocxBodyWalker(BlockWriter writer, DocxParagraphs paragraphs)
{
    private const string Part = "word/document.xml";

    public IEnumerable<DocumentBlock> Walk(OpenXmlElement container, string path)
    {
        var positions = new Dictionary<string, int>();
        foreach (var child in container.ChildElements)
        {
            var name = $"{child.Prefix}:{child.LocalName}";
            positions[name] = positions.GetValueOrDefault(name) + 1;
            var childPath = $"{path}/{name}[{positions[name]}]";
            switch (child)
            {
                case W.Paragraph paragraph:
                    if (Paragraph(paragraph, childPath) is { } paragraphBlock)
                    {
                        yield return paragraphBlock;
                    }
                    break;
                case W.Table table:
                    var rows = table.Elements<W.TableRow>()
                        .Select(r => (IReadOnlyList<string>)r.Elements<W.TableCell>().Select(DocxText.OfCell).ToList())
                        .ToList();
                    if (rows.Count > 0)
                    {
                        yield return writer.Block(BlockType.Table, MarkdownTable.Render(rows), new ElementPath(Part, childPath));
                    }
                    break;
                case W.SdtBlock sdt when sdt.SdtContentBlock is { } sdtContent:
                    foreach (var inner in Walk(sdtContent, $"{childPath}/w:sdtContent[1]"))
                    {
                        yield return inner;
                    }
                    break;
            }
        }
    }

    private DocumentBlock? Paragraph(W.Paragraph paragraph, string path)
    {
        var text = DocxText.Of(paragraph);
        if (text.Trim().Length == 0)
        {
            return null;
        }
        var locator = new ElementPath(Part, path);
        if (paragraphs.HeadingLevel(paragraph) is { } level)
        {
            return writer.Heading(level, text.Trim(), text, locator);
        }
        if (paragraphs.ListLevel(paragraph) is { } depth)
        {
            return writer.Block(BlockType.ListItem, text, locator, depth);
        }
        return writer.Block(paragraphs.IsCaption(paragraph) ? BlockType.Caption : BlockType.Paragraph, text, locator);
    }
}
