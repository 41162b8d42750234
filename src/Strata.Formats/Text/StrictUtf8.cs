using System.Text;
using Strata.Core.Errors;

namespace Strata.Formats.Text;

/// <summary>Opens text content as UTF-8 (a leading BOM is skipped) with a decoder that refuses invalid bytes.</summary>
/// <remarks>The default decoder would turn bad bytes into U+FFFD, silently changing what the user stored.</remarks>
internal static class StrictUtf8
{
    // encoderShouldEmitUTF8Identifier gives the encoding a preamble, which is what makes StreamReader skip a BOM.
    private static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    public static StreamReader OpenReader(Stream content) =>
        new(content, Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);

    public static StrataException InvalidBytes(DecoderFallbackException exception, string where)
    {
        var bytes = exception.BytesUnknown is { Length: > 0 } unknown
            ? " (" + string.Join(' ', unknown.Select(b => $"0x{b:X2}")) + ")"
            : string.Empty;
        return StrataException.Malformed($"The text is not valid UTF-8 {where}{bytes}. Save the file as UTF-8 and try again.");
    }
}
