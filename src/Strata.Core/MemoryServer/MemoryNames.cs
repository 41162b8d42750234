using Strata.Core.Errors;
using Strata.Core.Relations;

namespace Strata.Core.MemoryServer;

/// <summary>What the profile refuses that the reference would take: an empty name (Strata identifies an entity by its
/// name) and a relation type a Strata relation type cannot carry.</summary>
internal static class MemoryNames
{
    public const int MaxRelationTypeLength = RelationTypes.MaxNameLength - 7; // "memory:" goes before it

    public static void Check(string? name, string at)
    {
        if (string.IsNullOrEmpty(name)) throw StrataException.Validation($"{at} must be a name of at least one character.");
    }

    public static void CheckRelation(MemoryRelation relation)
    {
        Check(relation.From, "relations[].from");
        Check(relation.To, "relations[].to");
        if (relation.RelationType is null || relation.RelationType.Length > MaxRelationTypeLength
            || relation.RelationType.Trim().Length != relation.RelationType.Length
            || !RelationTypes.IsValidName(MemoryGraphState.RelationPrefix + relation.RelationType))
        {
            throw StrataException.Validation($"relationType \"{relation.RelationType}\" cannot be stored: use letters, digits, '_', '-', '.', ':' "
                + $"or spaces inside, at most {MaxRelationTypeLength} characters (such as \"works_at\").");
        }
    }
}
