using System.Text.Json;
using System.Text.Json.Nodes;
using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Observations;
using Strata.Core.Relations;
using Strata.Core.Schemas;
using Strata.Core.Storage;

namespace Strata.Core.MemoryServer;

/// <summary>
/// The MCP reference memory server's nine tools over Strata (docs/memory-server.md). Each write is one structured write
/// (<see cref="StructuredWriteService"/>): the call's payload is its source, one run writes one observation per entity
/// the call changes (<c>op</c> create, add, remove or delete, with the exact name) and the relations it asserts or
/// retracts, and that run commits as a whole or not at all. What the tools answer is folded from those observations in
/// the order written (<see cref="MemoryEntityFold"/>), so deletes are retractions: Strata's history and <c>as_of</c>
/// still show what was deleted. A call first reads the graph to answer as the reference answers (what it created, what
/// it added); calls racing on one name resolve in the fold, in the order they committed: the first create wins, and an
/// add to an entity deleted meanwhile changes nothing.
/// </summary>
public sealed partial class MemoryServerService(IStrataStore store, StructuredWriteService writes, TimeProvider clock, MemorySearchIndex index)
{
    public async Task<IReadOnlyList<MemoryEntity>> CreateEntitiesAsync(string userId, IReadOnlyList<MemoryEntity> entities,
        CancellationToken cancellationToken)
    {
        foreach (var entity in entities) MemoryNames.Check(entity.Name, "entities[].name");
        return await DecideAsync<IReadOnlyList<MemoryEntity>>(userId, entities.Select(e => e.Name), async (session, state, ct) =>
        {
            // A name given twice in one call is created once (the reference would hold two entities of one name).
            var created = entities.Where(e => !state.Fold.Holds(e.Name)).DistinctBy(e => e.Name).ToList();
            var call = NewCall();
            return (created, Request(call, created.Select(e => Record(e.Name, "create", call, e.EntityType, e.Observations)), []));
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<MemoryRelation>> CreateRelationsAsync(string userId, IReadOnlyList<MemoryRelation> relations,
        CancellationToken cancellationToken)
    {
        foreach (var relation in relations) MemoryNames.CheckRelation(relation);
        return await DecideAsync<IReadOnlyList<MemoryRelation>>(userId, relations.Select(r => r.From), async (session, state, ct) =>
        {
            var created = relations.Where(r => !state.HoldsRelation(r)).Distinct().ToList();
            var call = NewCall();
            // An end whose Strata entity exists is named by its id; only an end with none yet gets a record of its own, with
            // no op: it makes the Strata entity the relation needs without making the name an entity of the graph (the
            // reference lets a relation name entities that do not exist). Ends that exist thus gain no observation (nor a
            // snapshot to refresh) for being named.
            var names = created.SelectMany(r => new[] { r.From, r.To }).Distinct(StringComparer.Ordinal).ToList();
            var existing = await session.Entities.GetManyAsync(names.Select(name => EntityIdOf(userId, name)).ToList(), ct);
            var missing = names.Where(name => !existing.ContainsKey(EntityIdOf(userId, name))).ToList();
            var index = missing.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
            JsonNode End(string name) => index.TryGetValue(name, out var i) ? JsonValue.Create(i) : JsonValue.Create(EntityIdOf(userId, name));
            var stated = created.Select(r => Element(new JsonObject
            {
                ["from"] = End(r.From), ["relation_type"] = MemoryGraphState.RelationPrefix + r.RelationType, ["to"] = End(r.To),
            })).ToList();
            return (created, Request(call, missing.Select(name => Record(name, null, call)), stated));
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<MemoryAddedObservations>> AddObservationsAsync(string userId,
        IReadOnlyList<MemoryObservationAddition> additions, CancellationToken cancellationToken) =>
        await DecideAsync<IReadOnlyList<MemoryAddedObservations>>(userId, additions.Select(a => a.EntityName), async (session, state, ct) =>
        {
            var results = new List<MemoryAddedObservations>();
            var call = NewCall();
            var records = new List<JsonElement>();
            foreach (var addition in additions)
            {
                // As the reference: one missing entity refuses the whole call, and nothing of it is written.
                if (!state.Fold.Holds(addition.EntityName))
                {
                    throw new StrataException(ErrorCodes.EntityNotFound, $"Entity with name {addition.EntityName} not found");
                }
                var before = state.Fold.ObservationsOf(addition.EntityName).ToHashSet(StringComparer.Ordinal);
                var added = addition.Contents.Where(c => !before.Contains(c)).ToList();
                state.Fold.Apply(addition.EntityName, "add", "", added);
                results.Add(new MemoryAddedObservations(addition.EntityName, added));
                if (added.Count > 0) records.Add(Record(addition.EntityName, "add", call, observations: added));
            }
            return (results, Request(call, records, []));
        }, cancellationToken);

    public async Task<MemoryDeletion> DeleteEntitiesAsync(string userId, IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        await DecideAsync(userId, names, async (session, state, ct) =>
        {
            var call = NewCall();
            var records = names.Distinct(StringComparer.Ordinal).Where(state.Fold.Holds).Select(name => Record(name, "delete", call));
            // Every relation touching a deleted name goes, whether or not an entity of that name exists.
            var retracted = state.Relations.Where(r => names.Contains(r.Relation.From) || names.Contains(r.Relation.To))
                .Select(r => Retraction(r.FromId, r.Relation.RelationType, r.ToId)).ToList();
            return (new MemoryDeletion(true, "Entities deleted successfully"), Request(call, records, retracted));
        }, cancellationToken);

    public async Task<MemoryDeletion> DeleteObservationsAsync(string userId, IReadOnlyList<MemoryObservationDeletion> deletions,
        CancellationToken cancellationToken) =>
        await DecideAsync(userId, deletions.Select(d => d.EntityName), async (session, state, ct) =>
        {
            var call = NewCall();
            var records = new List<JsonElement>();
            foreach (var deletion in deletions.Where(d => state.Fold.Holds(d.EntityName)))
            {
                var held = state.Fold.ObservationsOf(deletion.EntityName);
                var removed = deletion.Observations.Where(o => held.Contains(o, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
                if (removed.Count == 0) continue;
                state.Fold.Apply(deletion.EntityName, "remove", "", removed);
                records.Add(Record(deletion.EntityName, "remove", call, observations: removed));
            }
            return (new MemoryDeletion(true, "Observations deleted successfully"), Request(call, records, []));
        }, cancellationToken);

    public async Task<MemoryDeletion> DeleteRelationsAsync(string userId, IReadOnlyList<MemoryRelation> relations, CancellationToken cancellationToken) =>
        await DecideAsync(userId, relations.Select(r => r.From), async (session, state, ct) =>
        {
            var retracted = state.Relations.Where(r => relations.Contains(r.Relation))
                .Select(r => Retraction(r.FromId, r.Relation.RelationType, r.ToId)).ToList();
            return (new MemoryDeletion(true, "Relations deleted successfully"), Request(NewCall(), [], retracted));
        }, cancellationToken);

    /// <summary>
    /// One tool call that changes the graph, in ONE write transaction (<see cref="StructuredWriteService.StoreDecidedAsync"/>):
    /// the entities it names are read and folded, <paramref name="decide"/> answers from that state and says what to write,
    /// and the write commits with the read. A call that changes nothing writes nothing.
    /// </summary>
    private Task<T> DecideAsync<T>(string userId, IEnumerable<string> names,
        Func<IStoreSession, MemoryGraphState, CancellationToken, Task<(T Answer, StoreRequest? Request)>> decide, CancellationToken cancellationToken) =>
        writes.StoreDecidedAsync(userId, async (session, ct) =>
            await decide(session, await MemoryGraphState.LoadNamedAsync(session, names, clock.GetUtcNow(), ct), ct), cancellationToken);

    /// <summary>Nothing to write (the reference writes the same file again) is no request. The call's id is also its
    /// idempotency key: a payload of relations alone (every end already an entity) repeats when a relation is created,
    /// deleted and created again, and each time must be a run of its own, not a retry of the first.</summary>
    private static StoreRequest? Request(string call, IEnumerable<JsonElement> records, List<JsonElement> relations)
    {
        var entities = records.ToList();
        return entities.Count == 0 && relations.Count == 0 ? null : new StoreRequest(entities, IdempotencyKey: call, Relations: relations);
    }

    /// <summary>The Strata entity a profile name is written to: its id follows from the exact name, as identity derives it.</summary>
    private static string EntityIdOf(string userId, string name) =>
        StrataIds.EntityByIdentity(userId, BuiltInSchemas.MemoryEntity, "name=" + name);

    /// <summary>
    /// Runs a <c>create_entities</c> of made-up names through this service's code and the structured write's, the write
    /// rolled back (<see cref="StructuredWriteService.WarmUpAsync(string, IReadOnlyList{JsonElement}, CancellationToken)"/>):
    /// a long-lived process's first real call then does not pay for compiling it (the first call was 16 times the next
    /// ones at 2,000 entities). Reads in its own read transaction, writes nothing. Returns what the call would answer.
    /// </summary>
    public async Task<IReadOnlyList<MemoryEntity>> WarmUpAsync(string userId, CancellationToken cancellationToken)
    {
        var entities = Enumerable.Range(0, StructuredWriteService.WarmUpSize)
            .Select(i => new MemoryEntity($"Warm Up {i}", "warm_up", [$"email warm.up.{i}@example.invalid", "works at Warm Up Ltd"])).ToList();
        var state = await ReadNamedAsync(userId, entities.Select(e => e.Name), cancellationToken);
        var created = entities.Where(e => !state.Fold.Holds(e.Name)).ToList();
        var call = NewCall();
        await writes.WarmUpAsync(userId, created.Select(e => Record(e.Name, "create", call, e.EntityType, e.Observations)).ToList(), cancellationToken);
        return created;
    }

    /// <summary>The whole graph now, or as it was at <paramref name="asOf"/> (what the profile's deletes retracted since shows again).</summary>
    public async Task<MemoryGraph> ReadGraphAsync(string userId, DateTimeOffset? asOf, CancellationToken cancellationToken) =>
        (await ReadAsync(userId, asOf, cancellationToken)).Graph;

    /// <summary>The entities whose name, type or an observation contains the query (as the reference, ignoring case), or
    /// match its words in any order, accents folded, spelled nearly; with the relations touching any of them.
    /// Only the entities whose text of every string ever given may match are read, each as it is kept folded
    /// (<see cref="MemoryGraphState.SearchAsync"/>), not the whole graph: the answer is the same, as the text holds at least
    /// what the fold can. The texts and kept states come from <see cref="MemorySearchIndex"/> when it holds them at the
    /// generation this read transaction reads.</summary>
    public async Task<MemoryGraph> SearchNodesAsync(string userId, string query, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var rows = await index.RowsAsync(session, cancellationToken);
        return await MemoryGraphState.SearchAsync(session, new MemorySearch(query), rows, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>What searches keep in memory of each user's graph (one per process).</summary>
    public MemorySearchIndex SearchIndex => index;

    public async Task<MemoryGraph> OpenNodesAsync(string userId, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var graph = (await ReadNamedAsync(userId, names, cancellationToken)).Graph;
        return Around(graph, graph.Entities.Where(e => names.Contains(e.Name, StringComparer.Ordinal)).ToList());
    }

    /// <summary>The chosen entities with every relation that has at least one end among them.</summary>
    private static MemoryGraph Around(MemoryGraph graph, List<MemoryEntity> chosen)
    {
        var names = chosen.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        return new MemoryGraph(chosen, graph.Relations.Where(r => names.Contains(r.From) || names.Contains(r.To)).ToList());
    }

    private async Task<MemoryGraphState> ReadAsync(string userId, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        return await MemoryGraphState.LoadAsync(session, asOf ?? clock.GetUtcNow(), cancellationToken);
    }

    private async Task<MemoryGraphState> ReadNamedAsync(string userId, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        return await MemoryGraphState.LoadNamedAsync(session, names, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>Each call's payload carries its own id: the same call made twice is two calls (a delete, an add and the same
    /// delete again must write the second delete), where a structured write would take it for a retry of the first.</summary>
    private static string NewCall() => Guid.CreateVersion7().ToString("N");

    private static JsonElement Record(string name, string? op, string call, string? type = null, IReadOnlyList<string>? observations = null)
    {
        var record = new JsonObject { ["entity_type"] = BuiltInSchemas.MemoryEntity, ["name"] = name, [MemoryEntityFields.Call] = call };
        if (op is not null) record[MemoryEntityFields.Op] = op;
        if (type is not null) record["memory_type"] = type;
        if (observations is not null) record["observations"] = new JsonArray(observations.Select(o => (JsonNode?)JsonValue.Create(o)).ToArray());
        return Element(record);
    }

    private static JsonElement Retraction(string fromId, string type, string toId) =>
        Element(new JsonObject { ["from"] = fromId, ["relation_type"] = MemoryGraphState.RelationPrefix + type, ["to"] = toId, ["retract"] = true });

    private static JsonElement Element(JsonObject json)
    {
        using var document = JsonDocument.Parse(json.ToJsonString());
        return document.RootElement.Clone();
    }
}
