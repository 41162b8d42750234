using System.Text.Json;
using System.Text.RegularExpressions;
using Strata.Core.Entities;
using Strata.Core.Entities.Identity;
using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Schemas;

namespace Strata.Core.Interpretation;

/// <summary>
/// Applies the user's schemas to a record: picks the type (the generic fallback when none declares it), keeps
/// declared fields coerced to their types, routes everything else to unknown fields, and names the entity.
/// </summary>
public static partial class RecordShaper
{
    public const int MaxFieldsPerRecord = 1000;
    public const int MaxFieldNameLength = 128;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    public static partial Regex TypeNamePattern();

    public static ShapedRecord Shape(ExtractedRecord record, string? defaultType, SchemaCatalog catalog)
    {
        if (record.Fields.Count > MaxFieldsPerRecord)
        {
            throw StrataException.Validation($"{record.Locator}: {record.Fields.Count} fields is more than the limit of {MaxFieldsPerRecord}.");
        }
        var tooLong = record.Fields.Keys.FirstOrDefault(k => k.Length is 0 or > MaxFieldNameLength);
        if (tooLong is not null)
        {
            throw StrataException.Validation($"{record.Locator}: field names must be 1 to {MaxFieldNameLength} characters.");
        }

        var requested = (record.EntityType ?? defaultType)?.Trim().ToLowerInvariant();
        var schema = requested is BuiltInSchemas.Generic ? null : catalog.Find(requested);
        return schema is null
            ? ShapeGeneric(record, requested, catalog.Generic)
            : ShapeDeclared(record, schema);
    }

    private static ShapedRecord ShapeDeclared(ExtractedRecord record, SchemaDefinition schema)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var unknown = new List<UnknownField>();
        foreach (var (given, value) in record.Fields)
        {
            var name = FieldAliases.Resolve(schema, given, record.Fields);
            if (!schema.Fields.TryGetValue(name, out var definition))
            {
                unknown.Add(new UnknownField(name, value, $"not declared by schema '{schema.EntityType}'"));
            }
            else if (FieldCoercion.TryCoerce(value, definition, out var coerced))
            {
                fields[name] = coerced;
            }
            else
            {
                unknown.Add(new UnknownField(name, value, $"expected {definition.Type}, got {Describe(value)}"));
            }
        }
        var (display, normalized) = CanonicalName(schema, fields);
        // The whole content, undeclared values too: rows that differ only in columns the schema lacks stay apart.
        var content = new Dictionary<string, JsonElement>(fields, StringComparer.Ordinal);
        foreach (var field in unknown) content.TryAdd(field.Field, field.Value);
        return new ShapedRecord(schema.EntityType, display, normalized, fields, unknown, record.Locator)
        {
            Identity = RecordIdentity.Of(schema, fields, content),
        };
    }

    private static ShapedRecord ShapeGeneric(ExtractedRecord record, string? suggestedType, SchemaDefinition generic)
    {
        var raw = JsonSerializer.SerializeToElement(
            record.Fields.ToDictionary(p => p.Key, p => p.Value), CoreJsonContext.Default.DictionaryStringJsonElement);
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["raw_data"] = raw,
            ["needs_schema_refinement"] = JsonSerializer.SerializeToElement(true, CoreJsonContext.Default.Boolean),
        };
        if (suggestedType is not null)
        {
            fields["suggested_type"] = JsonSerializer.SerializeToElement(suggestedType, CoreJsonContext.Default.String);
        }

        // Generic rules name the entity from its suggested type and a name-like raw value.
        var naming = new Dictionary<string, JsonElement>(record.Fields, StringComparer.Ordinal)
        {
            ["suggested_type"] = JsonSerializer.SerializeToElement(suggestedType ?? "unknown", CoreJsonContext.Default.String),
        };
        var (display, normalized) = CanonicalName(generic, naming);
        return new ShapedRecord(BuiltInSchemas.Generic, display, normalized, fields, [], record.Locator)
        {
            Identity = RecordIdentity.Of(generic, naming, naming),
        };
    }

    /// <summary>The first canonical-name rule whose fields all have values names the entity; failing all, a hash of its values.</summary>
    public static (string Display, string Normalized) CanonicalName(SchemaDefinition schema, IReadOnlyDictionary<string, JsonElement> fields)
    {
        foreach (var rule in schema.CanonicalName)
        {
            var parts = rule.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var values = parts.Select(part => fields.TryGetValue(part, out var value) ? AsText(value) : null).ToList();
            if (values.Count > 0 && values.All(v => !string.IsNullOrWhiteSpace(v)))
            {
                var display = string.Join(" | ", values.Select(v => v!.Trim()));
                var normalized = string.Join("|", values.Select(v => CanonicalNames.Normalize(v!)));
                if (normalized.Replace("|", "").Length > 0)
                {
                    return (display, normalized);
                }
            }
        }
        var digest = "#" + Sha256Hex.Of(CanonicalJson.Serialize(fields))[..16];
        return (digest, digest);
    }

    private static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => CanonicalJson.Serialize(value),
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
