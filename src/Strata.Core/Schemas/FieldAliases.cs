namespace Strata.Core.Schemas;

/// <summary>
/// Finds the declared field a record's field name stands for: itself when declared, else the field that lists it as
/// an alias. A record that has both the field and an alias keeps the field's own value; the alias's value then stays
/// an unknown field (kept as a raw fragment), never silently dropped.
/// </summary>
public static class FieldAliases
{
    public static string Resolve<T>(SchemaDefinition schema, string name, IReadOnlyDictionary<string, T> record)
    {
        if (schema.Fields.ContainsKey(name)) return name;
        foreach (var (field, definition) in schema.Fields)
        {
            if (definition.Aliases is { } aliases && aliases.Contains(name, StringComparer.Ordinal) && !record.ContainsKey(field))
            {
                return FirstAliasPresent(definition.Aliases, record) == name ? field : name;
            }
        }
        return name;
    }

    // Two aliases of one field in one record (surname and last_name): the first listed wins, the other stays unknown.
    private static string? FirstAliasPresent<T>(IReadOnlyList<string> aliases, IReadOnlyDictionary<string, T> record) =>
        aliases.FirstOrDefault(record.ContainsKey);
}
