using System.Text;
using Strata.Core.Interpretation;
using Strata.Core.Sources;

namespace Strata.Core.Extraction;

/// <summary>Which sources the LLM interpreter reads, and their text. Offsets everywhere (items, evidence) are UTF-16
/// positions in this text: the source's bytes decoded as UTF-8 (or the encoding its byte-order mark names), BOM left out.</summary>
public static class LlmSources
{
    public static bool IsTextLike(string mimeType)
    {
        var type = MediaTypes.Normalize(mimeType);
        return type.StartsWith("text/", StringComparison.Ordinal)
            || type is MediaTypes.Json or MediaTypes.JsonLines or "application/xml" or "application/xhtml+xml";
    }

    /// <summary>The whole text: evidence is located anywhere in it. Bounded by the upload limit.</summary>
    public static async Task<string> ReadTextAsync(IBlobStore blobs, Source source, CancellationToken cancellationToken)
    {
        await using var content = await blobs.OpenReadAsync(source.BlobKey, cancellationToken);
        using var reader = new StreamReader(content, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
