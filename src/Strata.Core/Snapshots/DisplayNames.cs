using System.Text.Json;
using Strata.Core.Schemas;

namespace Strata.Core.Snapshots;

/// <summary>
/// What a person reads as an entity's name: computed from its current snapshot, so it never contradicts the
/// fields shown beside it (after a merge, after a correction). The schema's display-name rules come first (a
/// contact's name, or given + family name); then its canonical-name rules over the same fields (an email when no
/// name is known); then the canonical name the entity was created under, for a snapshot with none of those fields.
/// The canonical name itself never changes: the entity's id is derived from it.
/// </summary>
public static class DisplayNames
{
    /// <summary>How <see cref="Interpretation.RecordShaper"/> joins the parts of a canonical name ("title | start").</summary>
    private const string CanonicalSeparator = " | ";

    public static string Of(SchemaDefinition schema, IReadOnlyDictionary<string, JsonElement> fields, string canonicalName) =>
        FirstRule(schema.DisplayName, fields, " ")
        ?? FirstRule(schema.CanonicalName, fields, CanonicalSeparator)
        ?? canonicalName;

    public static string Of(SchemaCatalog catalog, Snapshot snapshot) =>
        Of(catalog.ForEntity(snapshot.EntityType), snapshot.Fields, snapshot.CanonicalName);

    private static string? FirstRule(IReadOnlyList<string>? rules, IReadOnlyDictionary<string, JsonElement> fields, string separator)
    {
        foreach (var rule in rules ?? [])
        {
            var values = rule.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(part => fields.TryGetValue(part, out var value) ? Text(value) : null)
                .ToList();
            if (values.Count > 0 && values.All(v => !string.IsNullOrWhiteSpace(v)))
            {
                return string.Join(separator, values.Select(v => v!.Trim()));
            }
        }
        return null;
    }

    /// <summary>Strings and numbers name things; a list or an object does not.</summary>
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };
}
