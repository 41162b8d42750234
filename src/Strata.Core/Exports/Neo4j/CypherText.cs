using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Strata.Core.Exports.Neo4j;

/// <summary>
/// Stored text made safe to stand in a Cypher script: string literals in single quotes with every quote, backslash and
/// control character escaped (so no value can end its literal and start a clause), identifiers (labels, relationship
/// types, property names) in backticks with backticks doubled. Values become Cypher literals where Neo4j has the type
/// (strings, numbers, booleans, lists of one scalar kind); anything else (objects, mixed lists) is kept as its JSON text.
/// </summary>
public static class CypherText
{
    public static string Literal(string text)
    {
        var literal = new StringBuilder(text.Length + 2).Append('\'');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\'': literal.Append("\\'"); break;
                case '\\': literal.Append("\\\\"); break;
                case '\n': literal.Append("\\n"); break;
                case '\r': literal.Append("\\r"); break;
                case '\t': literal.Append("\\t"); break;
                case '\b': literal.Append("\\b"); break;
                case '\f': literal.Append("\\f"); break;
                default:
                    // Stored strings are valid UTF-16 (they came through JSON): surrogate pairs pass through as they are.
                    if (char.IsControl(c) || c is '\u2028' or '\u2029')
                    {
                        literal.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        literal.Append(c);
                    }
                    break;
            }
        }
        return literal.Append('\'').ToString();
    }

    public static string Name(string identifier) => "`" + identifier.Replace("`", "``", StringComparison.Ordinal) + "`";

    /// <summary>The value as a Cypher literal, or null for a JSON null (a property left unset).</summary>
    public static string? Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => Literal(value.GetString()!),
        JsonValueKind.Number => Number(value),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array when value.GetArrayLength() == 0 => "[]",
        JsonValueKind.Array when HomogeneousScalars(value) => "[" + string.Join(", ", value.EnumerateArray().Select(v => Value(v)!)) + "]",
        _ => Literal(JsonCells.Compact(value)),
    };

    public static string Time(DateTimeOffset time) =>
        "datetime(" + Literal(time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)) + ")";

    /// <summary>JSON numbers are Cypher numbers, written without exponent surprises (an integer as an integer).</summary>
    private static string Number(JsonElement value) => value.TryGetInt64(out var whole)
        ? whole.ToString(CultureInfo.InvariantCulture)
        : value.GetDouble().ToString("R", CultureInfo.InvariantCulture) is var text && (text.Contains('.') || text.Contains('E')) ? text : text + ".0";

    /// <summary>Neo4j stores lists of one type only, and no nulls in them.</summary>
    private static bool HomogeneousScalars(JsonElement array)
    {
        var kinds = array.EnumerateArray().Select(v => v.ValueKind is JsonValueKind.True or JsonValueKind.False ? JsonValueKind.True : v.ValueKind).Distinct().ToList();
        return kinds.Count == 1 && kinds[0] is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True
            && (kinds[0] != JsonValueKind.Number || array.EnumerateArray().All(v => v.TryGetInt64(out _)) || array.EnumerateArray().All(v => !v.TryGetInt64(out _)));
    }
}
