using Strata.Core.Documents;

namespace Strata.Formats.Documents;

/// <summary>
/// Turns one format into ordered, typed blocks with locators. One converter per format, each in its own folder;
/// adding a format means one class here and one line in <see cref="DocumentConverters"/>.
/// </summary>
public interface IDocumentConverter
{
    /// <summary>A stable name, part of the conversion's id (<see cref="ConversionId"/>).</summary>
    string Name { get; }

    /// <summary>Bumped whenever the same bytes would give other blocks, so old conversions stay distinguishable.</summary>
    string Version { get; }

    bool CanConvert(string mediaType);

    /// <summary>Streams the blocks in reading order, indexes from 0. Throws <c>MALFORMED_CONTENT</c> for input the
    /// format cannot read, <c>FILE_TOO_LARGE</c> past <see cref="ConversionLimits"/>.</summary>
    IAsyncEnumerable<DocumentBlock> ConvertAsync(Stream content, ConversionLimits limits, CancellationToken cancellationToken);
}
