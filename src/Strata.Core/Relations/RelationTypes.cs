namespace Strata.Core.Relations;

/// <summary>
/// A declared relation type: which entity types its ends may be, the name it has read from the other end, and whether
/// one entity holds at most one current relation of it (a person has one current employer).
/// </summary>
/// <param name="FromTypes">Entity types the relation may start from; empty for any.</param>
/// <param name="ToTypes">Entity types the relation may point at; empty for any.</param>
/// <param name="OneCurrentPerFrom">A new relation of this type from an entity ends the one it held (its valid_to is set).</param>
public sealed record RelationType(string Name, string? Inverse, IReadOnlyList<string> FromTypes, IReadOnlyList<string> ToTypes,
    bool OneCurrentPerFrom, string Description);

/// <summary>The built-in relation types (the defaults a user's schemas may replace, see <see cref="RelationTypeCatalog"/>),
/// the generic fallback every other type name gets (any ends, no inverse, many at once), and what a type name may be.</summary>
public static class RelationTypes
{
    public static readonly IReadOnlyList<RelationType> BuiltIn =
    [
        new("works_at", "employs", ["contact"], ["company"], OneCurrentPerFrom: true, "A person's current employer."),
        new("reports_to", "manages", ["contact"], ["contact"], OneCurrentPerFrom: true, "A person's manager."),
        new("member_of", "has_member", [], [], OneCurrentPerFrom: false, "Belonging to a group, team or organisation."),
        new("part_of", "has_part", [], [], OneCurrentPerFrom: false, "A piece of a larger whole."),
        new("blocks", "blocked_by", ["task"], ["task"], OneCurrentPerFrom: false, "A task that must finish before another can."),
        new("spouse_of", "spouse_of", ["contact"], ["contact"], OneCurrentPerFrom: true, "A person's spouse."),
    ];

    /// <summary>What a type no schema declares is: any ends, no inverse, many at once.</summary>
    public static RelationType Generic(string name) => new(name, null, [], [], false, "A relation of a type no schema declares.");

    public const int MaxNameLength = 100;

    /// <summary>A relation type names a relation, not a sentence: letters, digits, '_', '-', '.', ':' and spaces, at most 100.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.Trim().Length == name.Length
        && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or ' ');
}
