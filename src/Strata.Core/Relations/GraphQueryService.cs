using System.Text.Json;
using Strata.Core.Entities;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Core.Relations;

/// <summary>
/// Reads the graph: an entity's relations, its neighbourhood and the shortest path between two entities, each as it holds
/// now or at <c>as_of</c>. Read-only, one transaction per call so every hop sees the same state.
/// </summary>
public sealed class GraphQueryService(IStrataStore store, TimeProvider clock)
{
    public const int MaxDepth = 3;
    public const int MaxPathDepth = 6;
    public const int MaxNodes = 1000;
    public const int MaxEdges = 5000;
    public const int PathSearchNodes = 10_000;

    public async Task<RelationList> RelationsAsync(string userId, string entityId, string? relationType, string? direction,
        DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var at = asOf ?? clock.GetUtcNow();
        var (outgoing, incoming) = Direction(direction);
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var entity = await CurrentAsync(session, entityId, cancellationToken);
        var holding = await session.Relations.HoldingAsync([entity.Id], at, cancellationToken);
        // An inverse name asks for the declared type read backwards: "employs" of a company is "works_at" pointing at it.
        var inverse = relationType is null ? null : (await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken)).Relations.InverseOf(relationType);
        var chosen = holding.Where(r =>
            (relationType is null && ((outgoing && r.FromEntityId == entity.Id) || (incoming && r.ToEntityId == entity.Id)))
            || (relationType is not null && r.RelationType == relationType && ((outgoing && r.FromEntityId == entity.Id) || (incoming && r.ToEntityId == entity.Id)))
            || (inverse is not null && r.RelationType == inverse.Name && ((outgoing && r.ToEntityId == entity.Id) || (incoming && r.FromEntityId == entity.Id))))
            .ToList();
        return new RelationList(entity.Id, at, await ViewsAsync(session, chosen, cancellationToken));
    }

    public async Task<NeighbourhoodView> NeighbourhoodAsync(string userId, string entityId, int? depth, int? maxNodes, int? maxEdges,
        DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var levels = Bounded(depth ?? 1, 1, MaxDepth, "depth");
        var nodeLimit = Bounded(maxNodes ?? 100, 1, MaxNodes, "max_nodes");
        var edgeLimit = Bounded(maxEdges ?? 500, 1, MaxEdges, "max_edges");
        var at = asOf ?? clock.GetUtcNow();
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var start = await CurrentAsync(session, entityId, cancellationToken);

        var distance = new Dictionary<string, int>(StringComparer.Ordinal) { [start.Id] = 0 };
        var edges = new Dictionary<string, RelationObservation>(StringComparer.Ordinal);
        List<string> frontier = [start.Id];
        bool nodeLimitReached = false, edgeLimitReached = false;
        for (var level = 1; level <= levels && frontier.Count > 0 && !nodeLimitReached && !edgeLimitReached; level++)
        {
            var next = new List<string>();
            foreach (var relation in await session.Relations.HoldingAsync(frontier, at, cancellationToken))
            {
                foreach (var end in new[] { relation.FromEntityId, relation.ToEntityId })
                {
                    if (distance.ContainsKey(end)) continue;
                    if (distance.Count >= nodeLimit) { nodeLimitReached = true; break; }
                    distance[end] = level;
                    next.Add(end);
                }
                // An edge is kept only when both its ends are: never a relation to a node the answer left out.
                if (!distance.ContainsKey(relation.FromEntityId) || !distance.ContainsKey(relation.ToEntityId)) continue;
                if (edges.Count >= edgeLimit) { edgeLimitReached = true; break; }
                edges.TryAdd(relation.Id, relation);
            }
            frontier = next;
        }
        // Every edge kept has both ends among the nodes: one read names them all, for the nodes and the edges alike.
        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        var names = await NamesAsync(session, catalog, distance.Keys.ToList(), cancellationToken);
        return new NeighbourhoodView(start.Id, levels, at, Nodes(distance, names), Views(catalog, names, edges.Values.ToList()),
            nodeLimitReached, edgeLimitReached);
    }

    /// <summary>Entities per page of the whole graph (<see cref="PageAsync"/>).</summary>
    public const int GraphPageSize = 100;

    /// <summary>
    /// The whole graph a page at a time (the resource <c>strata://graph</c>: what the reference memory server's read_graph
    /// gives, bounded): <see cref="GraphPageSize"/> entities in the entity list's order (its keyset <paramref name="cursor"/>),
    /// each with its type and display name, and the relations holding at <paramref name="asOf"/> (now unless asked) that
    /// start from them, so each relation is listed once, on its from end's page; at most <see cref="MaxEdges"/> a page, a cut
    /// said. The entities are those of now (a merged one is listed as the one it was merged into).
    /// </summary>
    public async Task<GraphPage> PageAsync(string userId, string? cursor, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var at = asOf ?? clock.GetUtcNow();
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var page = await session.Entities.QueryAsync(new EntityQuery(null, null, false, new Paging(GraphPageSize, 0, cursor), WithProvenance: false),
            cancellationToken);
        var ids = page.Items.Select(s => s.EntityId).ToHashSet(StringComparer.Ordinal);
        var starting = (await session.Relations.HoldingAsync(ids, at, cancellationToken)).Where(r => ids.Contains(r.FromEntityId)).ToList();
        var limitReached = starting.Count > MaxEdges;
        var kept = starting.OrderBy(r => r.RelationType, StringComparer.Ordinal).ThenBy(r => r.FromEntityId, StringComparer.Ordinal)
            .ThenBy(r => r.ToEntityId, StringComparer.Ordinal).Take(MaxEdges).ToList();
        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        var names = await NamesAsync(session, catalog, ids.Concat(kept.Select(r => r.ToEntityId)).Distinct(StringComparer.Ordinal).ToList(),
            cancellationToken);
        var entities = page.Items.Select(s => new GraphEntity(s.EntityId, s.EntityType,
            names.TryGetValue(s.EntityId, out var named) ? named.Name : s.CanonicalName)).ToList();
        return new GraphPage(at, GraphPageSize, MaxEdges, entities, Views(catalog, names, kept), limitReached, page.NextCursor, null);
    }

    public async Task<PathView> PathAsync(string userId, string fromEntityId, string toEntityId, int? maxDepth, DateTimeOffset? asOf,
        CancellationToken cancellationToken)
    {
        var levels = Bounded(maxDepth ?? 4, 1, MaxPathDepth, "max_depth");
        var at = asOf ?? clock.GetUtcNow();
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var from = await CurrentAsync(session, fromEntityId, cancellationToken);
        var to = await CurrentAsync(session, toEntityId, cancellationToken);

        // Breadth first over relations in either direction; each node remembers the relation that reached it.
        var reachedBy = new Dictionary<string, RelationObservation?>(StringComparer.Ordinal) { [from.Id] = null };
        List<string> frontier = [from.Id];
        var limitReached = false;
        for (var level = 1; level <= levels && frontier.Count > 0 && !reachedBy.ContainsKey(to.Id) && !limitReached; level++)
        {
            var next = new List<string>();
            foreach (var relation in await session.Relations.HoldingAsync(frontier, at, cancellationToken))
            {
                foreach (var end in new[] { relation.FromEntityId, relation.ToEntityId })
                {
                    if (reachedBy.ContainsKey(end)) continue;
                    if (reachedBy.Count >= PathSearchNodes) { limitReached = true; break; }
                    reachedBy[end] = relation;
                    next.Add(end);
                }
            }
            frontier = next;
        }
        if (!reachedBy.ContainsKey(to.Id))
        {
            return new PathView(from.Id, to.Id, levels, at, false, [], [], limitReached);
        }
        var chain = new List<RelationObservation>();
        var order = new List<string> { to.Id };
        for (var node = to.Id; reachedBy[node] is { } relation;)
        {
            chain.Add(relation);
            node = relation.FromEntityId == node ? relation.ToEntityId : relation.FromEntityId;
            order.Add(node);
        }
        order.Reverse();
        chain.Reverse();
        var distances = order.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index, StringComparer.Ordinal);
        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        var names = await NamesAsync(session, catalog, order, cancellationToken);
        return new PathView(from.Id, to.Id, levels, at, true, Nodes(distances, names), Views(catalog, names, chain, keepOrder: true), false);
    }

    private static async Task<Entity> CurrentAsync(IStoreReader session, string entityId, CancellationToken cancellationToken) =>
        await Observations.ObservationWriter.FollowMergesAsync(session.Entities,
            await EntityAccess.GetForReadAsync(session.Entities, entityId, cancellationToken), cancellationToken);

    private static (bool Outgoing, bool Incoming) Direction(string? direction) => direction switch
    {
        null or "both" => (true, true),
        "out" or "outgoing" => (true, false),
        "in" or "incoming" => (false, true),
        _ => throw StrataException.Validation($"direction must be both, out or in, not \"{direction}\"."),
    };

    private static int Bounded(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw StrataException.Validation($"{name} must be from {min} to {max}, not {value}.");

    private static List<GraphNode> Nodes(IReadOnlyDictionary<string, int> distance, Dictionary<string, (string Type, string Name)> names) =>
        distance.OrderBy(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => names.TryGetValue(pair.Key, out var named)
                ? new GraphNode(pair.Key, named.Type, named.Name, pair.Value)
                : new GraphNode(pair.Key, "", pair.Key, pair.Value))
            .ToList();

    /// <summary>What a person reads as each entity's name (its display name, from its current fields), by id; an id with no
    /// entity is left out. Recall names a relation's ends with it too.</summary>
    internal static async Task<Dictionary<string, (string Type, string Name)>> NamesAsync(IStoreReader session, IReadOnlyCollection<string> ids,
        CancellationToken cancellationToken) =>
        await NamesAsync(session, await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken), ids, cancellationToken);

    private static async Task<Dictionary<string, (string Type, string Name)>> NamesAsync(IStoreReader session, SchemaCatalog catalog,
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, (string Type, string Name)>(StringComparer.Ordinal);
        foreach (var end in await session.Relations.NamedEndsAsync(ids, cancellationToken))
        {
            using var fields = JsonDocument.Parse(end.FieldsJson);
            var values = fields.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
            names[end.EntityId] = (end.EntityType, DisplayNames.Of(catalog.ForEntity(end.EntityType), values, end.CanonicalName));
        }
        return names;
    }

    private static async Task<List<RelationView>> ViewsAsync(IStoreReader session, IReadOnlyList<RelationObservation> relations,
        CancellationToken cancellationToken)
    {
        var ids = relations.SelectMany(r => new[] { r.FromEntityId, r.ToEntityId }).Distinct(StringComparer.Ordinal).ToList();
        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        return Views(catalog, await NamesAsync(session, catalog, ids, cancellationToken), relations);
    }

    /// <summary>The relations as read, with their ends named from <paramref name="names"/> (an end missing there keeps its id);
    /// by type, then ends, unless <paramref name="keepOrder"/> (a path's chain).</summary>
    private static List<RelationView> Views(SchemaCatalog catalog, Dictionary<string, (string Type, string Name)> names,
        IReadOnlyList<RelationObservation> relations, bool keepOrder = false)
    {
        string Name(string id) => names.TryGetValue(id, out var named) ? named.Name : id;
        var ordered = keepOrder ? relations : relations.OrderBy(r => r.RelationType, StringComparer.Ordinal)
            .ThenBy(r => r.FromEntityId, StringComparer.Ordinal).ThenBy(r => r.ToEntityId, StringComparer.Ordinal).ToList();
        return ordered.Select(r =>
        {
            using var properties = JsonDocument.Parse(r.PropertiesJson);
            return new RelationView(r.FromEntityId, Name(r.FromEntityId), r.RelationType, catalog.Relations.Find(r.RelationType).Inverse,
                r.ToEntityId, Name(r.ToEntityId), properties.RootElement.Clone(), r.ValidFrom, r.ValidTo,
                new RelationProvenance(r.Id, r.RunId, r.SourceId, r.ObservedAt, r.Priority));
        }).ToList();
    }
}
