using System.Runtime.CompilerServices;
using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Core.Interpretation;
using Strata.Formats.Documents.Csv;
using Strata.Formats.Documents.Docx;
using Strata.Formats.Documents.Html;
using Strata.Formats.Documents.Markdown;
using Strata.Formats.Documents.Pdf;
using Strata.Formats.Documents.PlainText;
using Strata.Formats.Documents.Xlsx;

namespace Strata.Formats.Documents;

/// <summary>The converters Strata has, chosen by media type; the core's conversion port.</summary>
public sealed class DocumentConverters(IReadOnlyList<IDocumentConverter> converters, ConversionLimits? limits = null) : IDocumentConversion
{
    public static readonly DocumentConverters Default = new(
    [
        new MarkdownConverter(),
        new PlainTextConverter(),
        new HtmlConverter(),
        new DocxConverter(),
        new PdfConverter(),
        new CsvConverter(),
        new XlsxConverter(),
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
                "DOCX, PDF, CSV, XLSX and chat conversations.");
    }

    public ConverterIdentity Choose(string mediaType)
    {
        var converter = For(mediaType);
        return new ConverterIdentity(converter.Name, converter.Version);
    }

    public async IAsyncEnumerable<DocumentBlock> ConvertAsync(string mediaType, Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var block in For(mediaType).ConvertAsync(content, limits ?? ConversionLimits.Default, cancellationToken))
        {
            yield return block;
        }
    }
}
