using System.Text;

namespace Strata.Formats.Text;

/// <summary>Reads a whole document as UTF-8 text for the formats that are one record per file.</summary>
/// <remarks>The core caps the size of a source before a reader sees it, so the text is bounded.</remarks>
internal static class WholeText
{
    public static async Task<string> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        using var reader = StrictUtf8.OpenReader(content);
        try
        {
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException exception)
        {
            throw StrictUtf8.InvalidBytes(exception, "in this file");
        }
    }
}
