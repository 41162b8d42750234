namespace Strata.Core.Schemas;

/// <summary>
/// A relation type a schema declares for relations starting from its entities (docs/graph.md): the entity types the
/// relation may point at (<paramref name="To"/>, empty or absent for any), the name it has read from the other end, and
/// whether an entity holds one current relation of it at a time (a new one ends the previous one).
/// </summary>
public sealed record RelationDeclaration(
    IReadOnlyList<string>? To = null,
    string? Inverse = null,
    bool OneAtATime = false,
    string? Description = null);
