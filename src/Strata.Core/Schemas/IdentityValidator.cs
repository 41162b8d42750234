namespace Strata.Core.Schemas;

/// <summary>Checks a schema's <c>identity</c> declaration, naming each problem (part of <see cref="SchemaValidator"/>).</summary>
public static class IdentityValidator
{
    public const int MaxKeySets = 20;
    public const int MaxFieldsPerKeySet = 8;

    public static void Check(SchemaDefinition schema, List<string> problems)
    {
        if (schema.Identity is not { } identity) return;
        if (identity.Keys is null)
        {
            problems.Add("identity.keys must be a list of key sets (each a list of field names), e.g. [[\"email\"], [\"name\", \"birthday\"]]; [] when only identity.last_resort identifies");
            return;
        }
        CheckKeySets(schema, "identity.keys", identity.Keys, problems);
        CheckKeySets(schema, "identity.last_resort", identity.LastResort ?? [], problems);
        if (identity.Keys.Count + (identity.LastResort?.Count ?? 0) > MaxKeySets)
        {
            problems.Add($"identity declares more than {MaxKeySets} key sets");
        }
        foreach (var field in identity.Distinguishing ?? [])
        {
            CheckField(schema, "identity.distinguishing", field, problems);
        }
        if (identity.Distinguishing is { } distinguishing && distinguishing.Distinct().Count() != distinguishing.Count)
        {
            problems.Add("identity.distinguishing names a field twice");
        }
        foreach (var field in identity.Corroborating ?? [])
        {
            CheckField(schema, "identity.corroborating", field, problems);
        }
    }

    private static void CheckKeySets(SchemaDefinition schema, string name, IReadOnlyList<IReadOnlyList<string>> sets, List<string> problems)
    {
        for (var i = 0; i < sets.Count; i++)
        {
            var set = sets[i];
            if (set is null || set.Count == 0)
            {
                problems.Add($"{name}[{i}] is empty: a key set names at least one field (an empty key would fold every record into one)");
                continue;
            }
            if (set.Count > MaxFieldsPerKeySet) problems.Add($"{name}[{i}] names more than {MaxFieldsPerKeySet} fields");
            if (set.Distinct().Count() != set.Count) problems.Add($"{name}[{i}] names a field twice");
            foreach (var field in set) CheckField(schema, $"{name}[{i}]", field, problems);
        }
    }

    private static void CheckField(SchemaDefinition schema, string where, string? field, List<string> problems)
    {
        if (field is null || schema.Fields is null || !schema.Fields.TryGetValue(field, out var definition) || definition is null)
        {
            problems.Add($"{where} names '{field}', which is not a declared field");
        }
        else if (definition.Type is FieldTypes.Array or FieldTypes.Object)
        {
            problems.Add($"{where} names '{field}', an {definition.Type} field: identity compares single values (string, number, boolean, date, datetime, enum)");
        }
    }
}
