using System.Text.RegularExpressions;
using Strata.Core.Errors;
using Strata.Core.Interpretation;

namespace Strata.Core.Schemas;

/// <summary>Checks a user's schema before it is stored, saying exactly what is wrong.</summary>
public static partial class SchemaValidator
{
    public const int MaxFields = 200;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,63}$")]
    private static partial Regex FieldNamePattern();

    public static void Validate(SchemaDefinition schema)
    {
        var problems = new List<string>();
        if (schema.EntityType is null || !RecordShaper.TypeNamePattern().IsMatch(schema.EntityType))
        {
            problems.Add("entity_type must be lower-case letters, digits, '_' or '-', starting with a letter or digit (at most 64)");
        }
        else if (schema.EntityType == BuiltInSchemas.Generic)
        {
            problems.Add("'generic' is the fallback type and cannot be redefined");
        }
        if (schema.Fields is null || schema.Fields.Count == 0)
        {
            problems.Add("fields must declare at least one field");
        }
        else if (schema.Fields.Count > MaxFields)
        {
            problems.Add($"at most {MaxFields} fields");
        }
        foreach (var (name, field) in schema.Fields ?? new Dictionary<string, FieldDefinition>())
        {
            if (!FieldNamePattern().IsMatch(name)) problems.Add($"field name '{name}' must be lower-case letters, digits or '_'");
            if (field is null) { problems.Add($"field '{name}' has no definition"); continue; }
            if (!FieldTypes.All.Contains(field.Type ?? "")) problems.Add($"field '{name}': type must be one of {string.Join(", ", FieldTypes.All)}");
            if (field.Type == FieldTypes.Enum && (field.Values is null || field.Values.Count == 0)) problems.Add($"field '{name}': an enum needs values");
            if (field.Policy is not null && !MergePolicies.All.Contains(field.Policy)) problems.Add($"field '{name}': policy must be one of {string.Join(", ", MergePolicies.All)}");
            if (field.Policy == MergePolicies.MergeArray && field.Type != FieldTypes.Array) problems.Add($"field '{name}': merge_array needs an array field");
            if (field.Timeline && field.Type is not (FieldTypes.Date or FieldTypes.Datetime)) problems.Add($"field '{name}': only date or datetime fields can feed the timeline");
        }
        CheckAliases(schema, problems);
        if (schema.CanonicalName is null || schema.CanonicalName.Count == 0)
        {
            problems.Add("canonical_name must list at least one rule (a field name, or fields joined by '+')");
        }
        CheckRules(schema, "canonical_name", schema.CanonicalName, problems);
        CheckRules(schema, "display_name", schema.DisplayName, problems);
        DuplicateScoringValidator.Check(schema, problems);
        IdentityValidator.Check(schema, problems);
        RelationDeclarationValidator.Check(schema, problems);
        GraphMappingValidator.Check(schema, problems);
        if (schema.Prompt?.Model is { } model && Llm.ModelNames.TryParse(model) is null)
        {
            problems.Add($"prompt.model must be provider/model, such as anthropic/claude-sonnet-4-5 (got '{model}')");
        }
        if (problems.Count > 0)
        {
            throw StrataException.Validation("The schema is not valid: " + string.Join("; ", problems) + ".");
        }
    }

    private static void CheckAliases(SchemaDefinition schema, List<string> problems)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, field) in schema.Fields ?? new Dictionary<string, FieldDefinition>())
        {
            foreach (var alias in field?.Aliases ?? [])
            {
                if (alias is null || !FieldNamePattern().IsMatch(alias)) problems.Add($"field '{name}': alias '{alias}' must be lower-case letters, digits or '_'");
                else if (schema.Fields!.ContainsKey(alias)) problems.Add($"field '{name}': alias '{alias}' is a declared field itself");
                else if (!owners.TryAdd(alias, name)) problems.Add($"alias '{alias}' is given to both '{owners[alias]}' and '{name}'");
            }
        }
    }

    private static void CheckRules(SchemaDefinition schema, string name, IReadOnlyList<string>? rules, List<string> problems)
    {
        foreach (var rule in rules ?? [])
        {
            foreach (var part in (rule ?? "").Split('+', StringSplitOptions.TrimEntries))
            {
                if (schema.Fields is null || !schema.Fields.ContainsKey(part)) problems.Add($"{name} rule '{rule}' names '{part}', which is not a declared field");
            }
        }
    }
}
