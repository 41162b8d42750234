using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Strata.Core.Interpretation;

namespace Strata.Formats.Json;

/// <summary>
/// How a JSON string longer than the value limit looks once <see cref="OverlongStringFilter"/> has cut it out: a short
/// string that no real value can be (it starts with U+0000, which text values may not hold), carrying the length
/// of the string it replaces.
/// </summary>
internal static class OverlongStrings
{
    /// <summary>The marker as written in JSON (escaped), after the opening quote.</summary>
    public static ReadOnlySpan<byte> RawPrefix => @"\u0000strata:value-too-long:"u8;

    /// <summary>The marker once unescaped, as a property name cut out shows it.</summary>
    private const string TextPrefix = "\0strata:value-too-long:";

    /// <summary>The property as a value left out, when it holds (or is named by) a string cut out while streaming.</summary>
    public static TooLongValue? Of(string name, JsonElement value)
    {
        if (name.StartsWith(TextPrefix, StringComparison.Ordinal))
        {
            var bytes = long.TryParse(name.AsSpan(TextPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            return new TooLongValue($"(a field name of {bytes} bytes)", bytes);
        }
        return value.ValueKind is JsonValueKind.String or JsonValueKind.Object or JsonValueKind.Array
            && Find(JsonMarshal.GetRawUtf8Value(value)) is { } found
            ? new TooLongValue(name, found)
            : null;
    }

    /// <summary>The byte count of the first marker in <paramref name="raw"/> (a value's raw JSON), or null when it holds none.</summary>
    public static long? Find(ReadOnlySpan<byte> raw)
    {
        var at = raw.IndexOf(RawPrefix);
        if (at < 0)
        {
            return null;
        }
        return Utf8Parser.TryParse(raw[(at + RawPrefix.Length)..], out long bytes, out _) ? bytes : 0;
    }

    /// <summary>The replacement for a string of <paramref name="bytes"/> bytes, quotes included.</summary>
    public static byte[] Replacement(long bytes) =>
        [(byte)'"', .. RawPrefix, .. Encoding.ASCII.GetBytes(bytes.ToString(CultureInfo.InvariantCulture)), (byte)'"'];
}
