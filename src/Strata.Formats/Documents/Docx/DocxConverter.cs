using System.IO.Packaging;
using System.Runtime.CompilerServices;
using DocumentFormat.OpenXml.Packaging;
using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Core.Interpretation;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Strata.Formats.Documents.Docx;

/// <summary>
/// Word documents into blocks: headings from heading styles (and outline levels), list items from numbering,
/// tables as Markdown tables, then footnotes and endnotes. A block's locator is its element's path in the part.
/// </summary>
public sealed class DocxConverter : IDocumentConverter
{
    public string Name => "docx";

    public string Version => "1";

    public bool CanConvert(string mediaType) => mediaType == MediaTypes.Docx;

    public async IAsyncEnumerable<DocumentBlock> ConvertAsync(
        Stream content, ConversionLimits limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var seekable = await SeekableCopy.OfAsync(content, cancellationToken);
        using var document = Open(seekable);
        OfficeXmlParts.Check(document, "DOCX", limits.MaxNestingDepth);
        var main = document.MainDocumentPart
            ?? throw StrataException.Malformed("The DOCX file has no main document part; it is not a Word document.");
        var writer = new BlockWriter(limits);
        var body = main.Document?.Body;
        if (body is not null)
        {
            var paragraphs = new DocxParagraphs(main.StyleDefinitionsPart?.Styles);
            foreach (var block in new DocxBodyWalker(writer, paragraphs).Walk(body, "/w:document/w:body"))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return block;
            }
        }
        foreach (var block in DocxNotes.Blocks(writer, main))
        {
            yield return block;
        }
    }

    private static WordprocessingDocument Open(Stream stream)
    {
        try
        {
            return WordprocessingDocument.Open(stream, isEditable: false);
        }
        catch (Exception exception) when (exception is FileFormatException or OpenXmlPackageException or InvalidDataException)
        {
            throw StrataException.Malformed($"The file is not a readable DOCX document ({exception.Message}).");
        }
    }
}
