using System.Text.Json;
using Strata.Core.Llm.Calls;

namespace Strata.Llm.Parsing;

/// <summary>Reads a model's text answer as one JSON object, tolerating exactly two well-defined wrappings:
/// a single fenced block, or a single object in prose. Anything else (two objects, an array, a cut-off
/// object) is a parse failure with a reason, never a guess.</summary>
public static class TolerantJson
{
    public static TolerantParse Parse(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length > 0 && trimmed[0] == '{' && TryObject(trimmed.ToString(), out var direct))
        {
            return TolerantParse.Success(direct, JsonTolerance.None);
        }
        if (FencedBlock.TryFind(text, out var fenced))
        {
            return TryObject(fenced.Trim(), out var inFence)
                ? TolerantParse.Success(inFence, JsonTolerance.Fenced)
                : TolerantParse.Failure("The fenced block is not one JSON object.");
        }
        return EmbeddedObject.Find(text) switch
        {
            { Count: 0 } => TolerantParse.Failure("The answer holds no complete JSON object."),
            { Count: > 1 } => TolerantParse.Failure("The answer holds more than one JSON object; which one is meant is not clear."),
            var found => TryObject(found[0], out var embedded)
                ? TolerantParse.Success(embedded, JsonTolerance.Embedded)
                : TolerantParse.Failure("The JSON object in the answer does not parse."),
        };
    }

    internal static bool TryObject(string text, out JsonElement value)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                value = document.RootElement.Clone();
                return true;
            }
        }
        catch (JsonException)
        {
        }
        value = default;
        return false;
    }
}
