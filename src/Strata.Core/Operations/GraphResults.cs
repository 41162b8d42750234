using System.Text.Json;

namespace Strata.Core.Operations;

/// <summary>Where a relation's winning observation came from: follow <c>run_id</c> and <c>source_id</c> to the characters.</summary>
public sealed record RelationProvenance(string ObservationId, string RunId, string SourceId, DateTimeOffset ObservedAt, int Priority);

/// <summary>A relation that holds at the time asked, with both ends' names and its provenance.</summary>
/// <param name="Inverse">The type's name read from <c>to</c> (<c>employs</c> for <c>works_at</c>), when declared.</param>
public sealed record RelationView(string FromEntityId, string FromName, string RelationType, string? Inverse, string ToEntityId,
    string ToName, JsonElement Properties, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, RelationProvenance Provenance);

/// <summary><c>list_relations</c>: an entity's relations at <c>as_of</c> (now unless asked).</summary>
public sealed record RelationList(string EntityId, DateTimeOffset AsOf, IReadOnlyList<RelationView> Relations);

public sealed record GraphNode(string EntityId, string EntityType, string Name, int Distance);

/// <summary><c>get_neighbourhood</c>: the entities within <c>depth</c> relations, and the relations between them.
/// <c>node_limit_reached</c> / <c>edge_limit_reached</c> say the answer was cut at a limit, never silently.</summary>
public sealed record NeighbourhoodView(string EntityId, int Depth, DateTimeOffset AsOf, IReadOnlyList<GraphNode> Nodes,
    IReadOnlyList<RelationView> Edges, bool NodeLimitReached, bool EdgeLimitReached);

/// <summary><c>find_path</c>: the shortest chain of relations (either direction) from one entity to another, if any within
/// <c>max_depth</c>; <c>search_limit_reached</c> says the search stopped at its node limit before finding or ruling one out.</summary>
public sealed record PathView(string FromEntityId, string ToEntityId, int MaxDepth, DateTimeOffset AsOf, bool Found,
    IReadOnlyList<GraphNode> Nodes, IReadOnlyList<RelationView> Edges, bool SearchLimitReached);

/// <summary>An entity as the whole graph lists it: its type and display name.</summary>
public sealed record GraphEntity(string EntityId, string EntityType, string Name);

/// <summary>The resource <c>strata://graph</c>: one page of the whole graph — at most <c>page_size</c> entities (the entity
/// list's order) and the relations holding at <c>as_of</c> that start from them (each relation once, on its from end's
/// page), at most <c>max_relations</c> (<c>relation_limit_reached</c> says a page was cut there). <c>next_cursor</c> (and
/// <c>next_uri</c>) read the next page; absent on the last.</summary>
public sealed record GraphPage(DateTimeOffset AsOf, int PageSize, int MaxRelations, IReadOnlyList<GraphEntity> Entities,
    IReadOnlyList<RelationView> Relations, bool RelationLimitReached, string? NextCursor, string? NextUri);
