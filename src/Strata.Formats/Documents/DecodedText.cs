using System.Text;
using Strata.Core.Errors;
using Strata.Formats.Text;

namespace Strata.Formats.Documents;

/// <summary>Reads a whole text document (UTF-8, strict) for parsers that need it at once, within a size limit.</summary>
internal static class DecodedText
{
    public static async Task<string> ReadAsync(Stream content, int maxChars, string format, CancellationToken cancellationToken)
    {
        using var reader = StrictUtf8.OpenReader(content);
        var text = new StringBuilder();
        var buffer = new char[16 * 1024];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
            {
                if (text.Length + read > maxChars)
                {
                    throw new StrataException(ErrorCodes.FileTooLarge,
                        $"The {format} document is longer than {maxChars:N0} characters, the most Strata converts at once.");
                }
                text.Append(buffer, 0, read);
            }
        }
        catch (DecoderFallbackException exception)
        {
            throw StrictUtf8.InvalidBytes(exception, $"in the {format} document");
        }
        return text.ToString();
    }
}
