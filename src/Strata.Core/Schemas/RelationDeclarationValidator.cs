using Strata.Core.Interpretation;
using Strata.Core.MemoryServer;
using Strata.Core.Relations;

namespace Strata.Core.Schemas;

/// <summary>Checks a schema's relations section on its own: names a relation may have, entity type names for its ends.
/// How it fits the user's other schemas is <see cref="RelationTypeCatalog.Problems"/>, checked at registration.</summary>
internal static class RelationDeclarationValidator
{
    public const int MaxRelations = 50;

    public static void Check(SchemaDefinition schema, List<string> problems)
    {
        if (schema.Relations is not { } relations) return;
        if (relations.Count > MaxRelations) problems.Add($"at most {MaxRelations} relations");
        foreach (var (name, declaration) in relations)
        {
            if (!RelationTypes.IsValidName(name))
            {
                problems.Add($"relation '{name}': a relation name is letters, digits, '_', '-', '.', ':' or spaces, at most {RelationTypes.MaxNameLength} characters");
            }
            // The memory server profile's relations are generic on purpose: a schema's cardinality never applies to them.
            if (name.StartsWith(MemoryGraphState.RelationPrefix, StringComparison.Ordinal)) problems.Add($"relation '{name}': names starting with '{MemoryGraphState.RelationPrefix}' belong to the memory server profile");
            if (declaration is null) { problems.Add($"relation '{name}' has no definition"); continue; }
            if (declaration.Inverse is { } inverse && !RelationTypes.IsValidName(inverse)) problems.Add($"relation '{name}': inverse '{inverse}' is not a valid relation name");
            foreach (var end in declaration.To ?? [])
            {
                if (end is null || !RecordShaper.TypeNamePattern().IsMatch(end)) problems.Add($"relation '{name}': to names '{end}', which is not an entity type name");
            }
        }
    }
}
