using Strata.Core.Schemas;

namespace Strata.Core.Relations;

/// <summary>
/// The relation types in force for one user: the built-ins, replaced by name by the types the user's schemas declare.
/// A type declared by several schemas starts from any of them and points at any end one of them allows; registration
/// (<see cref="Problems"/>) keeps their inverse and cardinality the same, so which declaration is read first never matters.
/// </summary>
public sealed class RelationTypeCatalog
{
    private readonly Dictionary<string, RelationType> _byName;
    private readonly Dictionary<string, RelationType> _byInverse = new(StringComparer.Ordinal);

    public RelationTypeCatalog(IEnumerable<SchemaDefinition> schemas)
    {
        _byName = RelationTypes.BuiltIn.ToDictionary(type => type.Name, StringComparer.Ordinal);
        foreach (var declared in Declared(schemas)) _byName[declared.Name] = declared;
        foreach (var type in _byName.Values.OrderBy(type => type.Name, StringComparer.Ordinal))
        {
            if (type.Inverse is { } inverse && inverse != type.Name) _byInverse.TryAdd(inverse, type);
        }
    }

    /// <summary>Every declared type in force (built-in or the user's), e.g. for a prompt that lists them.</summary>
    public IEnumerable<RelationType> All => _byName.Values;

    /// <summary>The declaration of <paramref name="name"/>, or the generic one.</summary>
    public RelationType Find(string name) => _byName.GetValueOrDefault(name) ?? RelationTypes.Generic(name);

    /// <summary>The type <paramref name="name"/> is the inverse of (<c>employs</c> is <c>works_at</c> read backwards), if any.</summary>
    public RelationType? InverseOf(string name) => _byInverse.GetValueOrDefault(name);

    /// <summary>What would make these schemas' declarations ambiguous together: one type declared with two inverses or two
    /// cardinalities, one inverse name for two types, or an inverse that is another type's own name.</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<SchemaDefinition> schemas)
    {
        var problems = new List<string>();
        foreach (var group in Declarations(schemas).GroupBy(d => d.Name, StringComparer.Ordinal))
        {
            var first = group.First();
            foreach (var other in group.Skip(1).Where(d => d.Declaration.Inverse != first.Declaration.Inverse || d.Declaration.OneAtATime != first.Declaration.OneAtATime))
            {
                problems.Add($"relation '{group.Key}' is declared by '{first.From}' and '{other.From}' with a different inverse or one_at_a_time; declare it alike in both");
            }
        }
        var catalog = new RelationTypeCatalog(schemas);
        foreach (var type in catalog._byName.Values.Where(t => t.Inverse is not null && t.Inverse != t.Name).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            if (catalog._byName.ContainsKey(type.Inverse!)) problems.Add($"relation '{type.Name}': its inverse '{type.Inverse}' is the name of another relation type");
            else if (catalog._byInverse[type.Inverse!] is var first && first != type) problems.Add($"the inverse '{type.Inverse}' is given to both '{first.Name}' and '{type.Name}'");
        }
        return problems;
    }

    private static IEnumerable<RelationType> Declared(IEnumerable<SchemaDefinition> schemas) =>
        Declarations(schemas).GroupBy(d => d.Name, StringComparer.Ordinal).Select(group =>
        {
            var ordered = group.OrderBy(d => d.From, StringComparer.Ordinal).ToList();
            var from = ordered.Select(d => d.From).ToList();
            // One declaration allowing any end makes the type allow any end.
            IReadOnlyList<string> to = ordered.Any(d => d.Declaration.To is not { Count: > 0 })
                ? []
                : ordered.SelectMany(d => d.Declaration.To!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return new RelationType(group.Key, ordered.Select(d => d.Declaration.Inverse).FirstOrDefault(i => i is not null), from, to,
                ordered.Any(d => d.Declaration.OneAtATime),
                ordered.Select(d => d.Declaration.Description).FirstOrDefault(text => text is not null) ?? $"Declared by the schema of {string.Join(", ", from)}.");
        });

    private static IEnumerable<(string From, string Name, RelationDeclaration Declaration)> Declarations(IEnumerable<SchemaDefinition> schemas) =>
        schemas.Where(schema => schema.Relations is not null)
            .OrderBy(schema => schema.EntityType, StringComparer.Ordinal)
            .SelectMany(schema => schema.Relations!.Select(pair => (schema.EntityType, pair.Key, pair.Value)));
}
