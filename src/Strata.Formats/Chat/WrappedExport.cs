using System.Text.Json;
using Strata.Core.Errors;

namespace Strata.Formats.Chat;

/// <summary>An export written as an object holding a <c>conversations</c> array (not the providers' own format, but
/// some tools write it). It cannot be streamed by the array reader, so it is read whole within a size limit.</summary>
internal static class WrappedExport
{
    public static async Task<IReadOnlyList<JsonElement>> ReadAsync(Stream content, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new StrataException(ErrorCodes.FileTooLarge,
                    $"This export wraps its conversations in an object, which is read whole, and is larger than {maxBytes / 1024 / 1024} MB. " +
                    "Import the conversations.json of the provider's own export instead: it is streamed at any size.");
            }
            buffer.Write(chunk, 0, read);
        }
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("conversations", out var conversations) || conversations.ValueKind != JsonValueKind.Array)
            {
                throw StrataException.Malformed("The export is a JSON object without a 'conversations' array: it is not a chat export this version reads.");
            }
            return conversations.EnumerateArray().Select(c => c.Clone()).ToList();
        }
        catch (JsonException exception)
        {
            throw StrataException.Malformed(
                $"The export's JSON is broken at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1} of that line; nothing was read.");
        }
    }
}
