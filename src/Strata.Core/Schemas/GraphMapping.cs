namespace Strata.Core.Schemas;

/// <summary>
/// How a schema's entities look as a graph in a Neo4j export (docs/exports.md#neo4j): the fields named in
/// <paramref name="Nodes"/> become nodes of their own, linked from the entity's node by a relationship; every other field
/// stays a property of the entity's node. <c>{"nodes": {"employer": {"label": "Company", "key": "name", "relationship":
/// "WORKS_AT"}}}</c> makes each value of <c>employer</c> a <c>Company</c> node keyed by <c>name</c>, reached by
/// <c>WORKS_AT</c>.
/// </summary>
public sealed record GraphMapping(IReadOnlyDictionary<string, GraphNodeMapping>? Nodes = null);

/// <summary>A field that becomes a node: the node's label, the property its value is stored in (and merged on), and the
/// type of the relationship from the entity to it.</summary>
public sealed record GraphNodeMapping(string Label, string Relationship, string Key = "name");
