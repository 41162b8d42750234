using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Schemas;

namespace Strata.Core.Review;

/// <summary>A block's value as stored: a JSON object holding only the schema's declared fields, each brought to its
/// type (<see cref="FieldCoercion"/>). A model's answer that does not fit is a failed block (with its raw output); a
/// person's edit that does not fit is refused with what is wrong.</summary>
public static class BlockValues
{
    /// <summary>A person's edit, checked; throws VALIDATION_FAILED naming each problem.</summary>
    public static string Check(JsonElement edit, SchemaDefinition schema)
    {
        var (value, problems) = Read(edit, schema, ignoring: []);
        return problems.Count == 0 ? value! : throw StrataException.Validation("The value is not valid: " + string.Join("; ", problems) + ".");
    }

    /// <summary>A model's answer for one block (its <c>item_id</c> set aside), or the problems that make it junk.</summary>
    public static (string? Value, IReadOnlyList<string> Problems) FromAnswer(JsonElement answer, SchemaDefinition schema) =>
        Read(answer, schema, ignoring: ["item_id"]);

    private static (string? Value, List<string> Problems) Read(JsonElement input, SchemaDefinition schema, string[] ignoring)
    {
        var problems = new List<string>();
        if (input.ValueKind != JsonValueKind.Object) return (null, ["the value must be a JSON object of the schema's fields"]);
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in input.EnumerateObject())
        {
            if (ignoring.Contains(property.Name)) continue;
            if (property.Name == BlockSchemas.BlockUidField || !schema.Fields.TryGetValue(property.Name, out var field))
            {
                problems.Add($"'{property.Name}' is not a field of schema '{schema.EntityType}'");
                continue;
            }
            if (FieldCoercion.TryCoerce(property.Value, field, out var coerced)) fields[property.Name] = coerced.Clone();
            else problems.Add($"'{property.Name}': {Shorten(property.Value.GetRawText())} is not a {field.Type}");
        }
        if (problems.Count > 0) return (null, problems);
        var element = JsonSerializer.SerializeToElement(fields, CoreJsonContext.Default.DictionaryStringJsonElement);
        return (CanonicalJson.Serialize(element), problems);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
