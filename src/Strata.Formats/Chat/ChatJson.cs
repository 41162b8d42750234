using System.Globalization;
using System.Text.Json;

namespace Strata.Formats.Chat;

/// <summary>Tolerant reads of export fields: a missing or mistyped field is null, never an exception, because
/// exports from different years carry different fields.</summary>
internal static class ChatJson
{
    public static string? String(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement? Child(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is not JsonValueKind.Null
            ? value
            : null;

    public static IEnumerable<JsonElement> Array(this JsonElement element, string name) =>
        element.Child(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>A time as ChatGPT writes it (Unix seconds, fractional) or Claude does (ISO 8601).</summary>
    public static DateTimeOffset? Time(this JsonElement element, string name) => element.Child(name) switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetDouble(out var seconds) && seconds is > 0 and < 32503680000 =>
            DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)),
        { ValueKind: JsonValueKind.String } text when DateTimeOffset.TryParse(text.GetString(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) => time,
        _ => null,
    };

    public static long? Long(this JsonElement element, string name) =>
        element.Child(name) is { ValueKind: JsonValueKind.Number } number && number.TryGetInt64(out var value) ? value : null;

    public static bool Flag(this JsonElement element, string name) =>
        element.Child(name) is { ValueKind: JsonValueKind.True };
}
