namespace Strata.Core.Documents;

/// <summary>
/// The converters a process has (implemented in Strata.Formats), chosen by media type: the conversion job asks which
/// converter reads a document, records its name and version (they name the conversion), then streams the blocks.
/// </summary>
public interface IDocumentConversion
{
    /// <summary>The converter for the media type; <c>UNSUPPORTED_MEDIA_TYPE</c> naming what is supported when none reads it.</summary>
    ConverterIdentity Choose(string mediaType);

    /// <summary>The blocks in reading order, indexes from 0; <c>MALFORMED_CONTENT</c> or <c>FILE_TOO_LARGE</c> for input
    /// the converter refuses.</summary>
    IAsyncEnumerable<DocumentBlock> ConvertAsync(string mediaType, Stream content, CancellationToken cancellationToken);
}

public sealed record ConverterIdentity(string Name, string Version);
