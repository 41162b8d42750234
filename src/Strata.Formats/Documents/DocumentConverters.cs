using Strata.Core.Errors;
using Strata.Core.Interpretation;
using Strata.Formats.Documents.Csv;
using Strata.Formats.Documents.Docx;
using Strata.Formats.Documents.Html;
using Strata.Formats.Documents.Markdown;
using Strata.Formats.Documents.Pdf;
using Strata.Formats.Documents.PlainText;

namespace Strata.Formats.Documents;

/// <summary>The converters Strata has, chosen by media type.</summary>
public sealed class DocumentConverters(IReadOnlyList<IDocumentConverter> converters)
{
    public static readonly DocumentConverters Default = new(
    [
        new MarkdownConverter(),
        new PlainTextConverter(),
        new HtmlConverter(),
        new DocxConverter(),
        new PdfConverter(),
        new CsvConverter(),
        new Conversation.ConversationConverter(),
    ]);

    public IReadOnlyList<IDocumentConverter> All => converters;

    /// <summary>The converter for <paramref name="mediaType"/>, or <c>UNSUPPORTED_MEDIA_TYPE</c> naming what is supported.</summary>
    public IDocumentConverter For(string mediaType)
    {
        var normalized = MediaTypes.Normalize(mediaType);
        return converters.FirstOrDefault(c => c.CanConvert(normalized))
            ?? throw new StrataException(ErrorCodes.UnsupportedMediaType,
                $"Documents of type '{normalized}' cannot be converted into blocks. Supported: Markdown, plain text, HTML, " +
                "DOCX, PDF, CSV and chat conversations.");
    }
}
