using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Strata.FakeLlm;

/// <summary>
/// How one field of a block answer is filled from the block's text, deterministically, so a script can stand in for a
/// model over any document: <c>"text"</c> (the whole text), <c>"first_line"</c>, <c>"length"</c> (its characters, a
/// number), <c>{"match": "REGEX", "else": V}</c> (the first match, its first group when it has one), <c>{"cases":
/// {"substring": V, …}, "else": V}</c> (the value of the first listed substring the text contains, ignoring case), or
/// <c>{"value": V}</c> (always V). The block's text is the item's text without the <c>[heading path]</c> line Strata
/// puts above a block that has one.
/// </summary>
public abstract record BlockFieldFill
{
    public abstract JsonNode? ValueFor(string text);

    public static BlockFieldFill Parse(string field, JsonNode? spec, string path) => spec switch
    {
        JsonValue v when v.TryGetValue<string>(out var kind) => kind switch
        {
            "text" => new WholeText(),
            "first_line" => new FirstLine(),
            "length" => new Length(),
            _ => throw new InvalidDataException($"{path}: field '{field}' asks for '{kind}'; use text, first_line, length, or an object with match, cases or value."),
        },
        JsonObject { } o when o["match"] is JsonValue pattern => new Match(new Regex(pattern.GetValue<string>(), RegexOptions.CultureInvariant), o["else"]?.DeepClone()),
        JsonObject { } o when o["cases"] is JsonObject cases => new Cases(cases.Select(c => (c.Key, c.Value?.DeepClone())).ToList(), o["else"]?.DeepClone()),
        JsonObject { } o when o.ContainsKey("value") => new Constant(o["value"]?.DeepClone()),
        _ => throw new InvalidDataException($"{path}: field '{field}' needs \"text\", \"first_line\", \"length\", or an object with match, cases or value."),
    };

    /// <summary>The block's own text from an item's text: without the surrounding line breaks and the heading path line.</summary>
    public static string BlockText(string itemText)
    {
        var text = itemText.Trim('\n');
        var firstBreak = text.IndexOf('\n', StringComparison.Ordinal);
        return firstBreak > 0 && text[0] == '[' && text[firstBreak - 1] == ']' ? text[(firstBreak + 1)..] : text;
    }

    private sealed record WholeText : BlockFieldFill
    {
        public override JsonNode? ValueFor(string text) => text;
    }

    private sealed record FirstLine : BlockFieldFill
    {
        public override JsonNode? ValueFor(string text) => text.Split('\n')[0].Trim();
    }

    private sealed record Length : BlockFieldFill
    {
        public override JsonNode? ValueFor(string text) => text.Length;
    }

    private sealed record Match(Regex Pattern, JsonNode? Else) : BlockFieldFill
    {
        public override JsonNode? ValueFor(string text)
        {
            var found = Pattern.Match(text);
            if (!found.Success) return Else?.DeepClone();
            return found.Groups.Count > 1 ? found.Groups[1].Value : found.Value;
        }
    }

    private sealed record Cases(IReadOnlyList<(string Substring, JsonNode? Value)> Choices, JsonNode? Else) : BlockFieldFill
    {
        public override JsonNode? ValueFor(string text)
        {
            foreach (var (substring, value) in Choices)
            {
                if (text.Contains(substring, StringComparison.OrdinalIgnoreCase)) return value?.DeepClone();
            }
            return Else?.DeepClone();
        }
    }

    private sealed record Constant(JsonNode? Value) : BlockFieldFill
    {
        public override JsonNode? ValueFor(string text) => Value?.DeepClone();
    }
}
