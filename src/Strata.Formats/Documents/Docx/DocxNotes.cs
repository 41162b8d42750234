using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Strata.Core.Documents;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Strata.Formats.Documents.Docx;

/// <summary>Footnotes and endnotes after the body, as footnote blocks located in their own parts. The separator
/// notes Word keeps in those parts are not content.</summary>
internal static class DocxNotes
{
    public static IEnumerable<DocumentBlock> Blocks(BlockWriter writer, MainDocumentPart main)
    {
        var notes = Notes(main.FootnotesPart?.Footnotes?.Elements<W.Footnote>(), "word/footnotes.xml", "/w:footnotes", "w:footnote")
            .Concat(Notes(main.EndnotesPart?.Endnotes?.Elements<W.Endnote>(), "word/endnotes.xml", "/w:endnotes", "w:endnote"));
        foreach (var (text, locator) in notes)
        {
            yield return writer.Block(BlockType.Footnote, text, locator);
        }
    }

    private static IEnumerable<(string Text, ElementPath Locator)> Notes(
        IEnumerable<OpenXmlElement>? notes, string part, string root, string name)
    {
        var position = 0;
        foreach (var note in notes ?? [])
        {
            position++;
            var type = note.GetAttributes().FirstOrDefault(a => a.LocalName == "type").Value;
            if (type is "separator" or "continuationSeparator" or "continuationNotice")
            {
                continue;
            }
            var text = string.Join('\n', note.Elements<W.Paragraph>().Select(p => DocxText.Of(p).Trim()).Where(t => t.Length > 0));
            if (text.Length > 0)
            {
                yield return (text, new ElementPath(part, $"{root}/{name}[{position}]"));
            }
        }
    }
}
