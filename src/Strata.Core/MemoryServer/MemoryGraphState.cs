using System.Text.Json;
using Strata.Core.Entities;
using Strata.Core.Hashing;
using Strata.Core.Observations;
using Strata.Core.Relations;
using Strata.Core.Schemas;
using Strata.Core.Storage;

namespace Strata.Core.MemoryServer;

/// <summary>The profile's graph at one time, read in one transaction: the folded entities and the relations of the
/// profile's types holding then, by name.</summary>
internal sealed class MemoryGraphState
{
    /// <summary>Profile relation types are generic Strata types under this prefix, so a profile <c>works_at</c> never takes
    /// the declared <c>works_at</c>'s end types or its one-employer rule.</summary>
    public const string RelationPrefix = "memory:";

    private MemoryGraphState(MemoryEntityFold fold, List<(MemoryRelation Relation, string FromId, string ToId)> relations)
    {
        Fold = fold;
        Relations = relations;
    }

    public MemoryEntityFold Fold { get; }

    /// <summary>Each holding relation with the Strata entities at its ends (a delete retracts by them).</summary>
    public List<(MemoryRelation Relation, string FromId, string ToId)> Relations { get; }

    public MemoryGraph Graph => new(Fold.Entities.ToList(), Relations.Select(r => r.Relation).ToList());

    /// <summary>The whole graph: every entity of the profile's type.</summary>
    public static async Task<MemoryGraphState> LoadAsync(IStoreReader session, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await session.Entities.QueryAsync(new EntityQuery(BuiltInSchemas.MemoryEntity, null, false,
                new Paging(Paging.MaxLimit, Cursor: cursor), WithProvenance: false), cancellationToken);
            ids.AddRange(page.Items.Select(snapshot => snapshot.EntityId));
            cursor = page.NextCursor;
        } while (cursor is not null);
        return await FoldAsync(session, ids, at, cancellationToken);
    }

    /// <summary>
    /// What a <c>search_nodes</c> query finds, in at most three statements whatever it finds: the rows of every entity of
    /// the profile's type (its id, the text of every string it was given, <see cref="MemoryEntityText"/>, and its kept state,
    /// <see cref="MemoryEntityState"/>), from <paramref name="rows"/> (<see cref="MemorySearchIndex"/>, at the generation this
    /// session reads) or else read here, choose those whose text may match; the exact match is applied to their kept states
    /// (read in one statement where the rows were not given); the relations touching what matched are read, with their
    /// ends' names, in one more. An entity with no kept state is folded from its observations, as before the state was
    /// kept. The answer is the one folding the whole graph gives (MemorySearchCompliance).
    /// </summary>
    public static async Task<MemoryGraph> SearchAsync(IStoreReader session, MemorySearch search, MemoryIndexRows? rows, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        List<(string EntityId, IReadOnlyList<MemoryEntity>? Held)> chosen;
        if (rows is not null) chosen = rows.Candidates(search);
        else
        {
            var texts = await session.Entities.ListMemoryTextsAsync(cancellationToken);
            var ids = texts.Where(row => search.MayMatch(row.Text)).Select(row => row.EntityId).ToList();
            var kept = await session.Entities.ListMemoryStatesAsync(ids, cancellationToken);
            chosen = ids.Select(id => (id, kept.GetValueOrDefault(id) is { } json ? MemoryEntityState.Held(json) : null)).ToList();
        }
        var (fold, names) = await HeldAsync(session, chosen, cancellationToken);
        var found = fold.Entities.Where(search.Matches).ToList();
        var foundNames = found.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var foundIds = found.Select(e => fold.EntityIds[e.Name]).Distinct(StringComparer.Ordinal).ToList();
        var relations = rows is null
            ? (await RelationsAsync(session, foundIds, names, at, cancellationToken)).Select(r => r.Relation)
            : await NamedFromRowsAsync(session, foundIds, names, rows, at, cancellationToken);
        return new MemoryGraph(found, relations.Where(r => foundNames.Contains(r.From) || foundNames.Contains(r.To)).ToList());
    }

    /// <summary>As <see cref="RelationsAsync"/>, from <paramref name="rows"/> (at this session's generation): the relations
    /// from the observations they keep, the ends named by the names they keep instead of a join per end. Only an end they do
    /// not name (not a kept memory entity, or one keeping no name) is read, in one statement, and named as the join names it.</summary>
    private static async Task<List<MemoryRelation>> NamedFromRowsAsync(IStoreReader session, IReadOnlyCollection<string> ids,
        Dictionary<string, string> names, MemoryIndexRows rows, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var held = rows.HoldingTouching(ids, at);
        string? Known(string id) => names.TryGetValue(id, out var name) ? name : rows.NameOf(id);
        var unnamed = held.SelectMany(r => new[] { r.FromEntityId, r.ToEntityId }).Where(id => Known(id) is null)
            .Distinct(StringComparer.Ordinal).ToList();
        if (unnamed.Count > 0)
        {
            foreach (var (id, kept, fieldsJson) in await session.Entities.ListMemoryNamesAsync(unnamed, cancellationToken))
            {
                if ((kept ?? FieldName(fieldsJson)) is { } name) names[id] = name;
            }
        }
        return held
            .Select(r => (From: Known(r.FromEntityId), To: Known(r.ToEntityId), Type: r.RelationType))
            .Where(r => r.From is not null && r.To is not null)
            .Select(r => new MemoryRelation(r.From!, r.To!, r.Type[RelationPrefix.Length..]))
            .Distinct()
            .OrderBy(r => r.From, StringComparer.Ordinal).ThenBy(r => r.RelationType, StringComparer.Ordinal).ThenBy(r => r.To, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>What the entities <paramref name="chosen"/> hold now: their kept states, and the fold of the observations of
    /// any that keeps none. Returns the fold and the names the folded ones give their relations (the kept ones' relations are
    /// named by their kept name, read with the relations).</summary>
    private static async Task<(MemoryEntityFold Fold, Dictionary<string, string> Names)> HeldAsync(IStoreReader session,
        IReadOnlyList<(string EntityId, IReadOnlyList<MemoryEntity>? Held)> chosen, CancellationToken cancellationToken)
    {
        var fold = new MemoryEntityFold();
        var unkept = new List<string>();
        foreach (var (id, held) in chosen)
        {
            if (held is not null)
            {
                foreach (var entity in held) fold.Hold(entity, id);
            }
            else unkept.Add(id);
        }
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (unkept.Count == 0) return (fold, names);
        var folded = new MemoryEntityFold();
        foreach (var observation in await session.Observations.ListForEntitiesAsync(unkept, null, cancellationToken)) folded.Apply(observation);
        foreach (var (name, id) in folded.EntityIds) names.TryAdd(id, name);
        foreach (var entity in folded.Entities) fold.Hold(entity, folded.EntityIds[entity.Name]);
        return (fold, names);
    }

    /// <summary>The whole graph a page of entities at a time, each page read as <see cref="LoadNamedAsync"/> reads what a call
    /// names (its entities folded, the relations touching them, far ends named): an export holds one page, never the graph.</summary>
    public static async IAsyncEnumerable<MemoryGraphState> PagesAsync(IStoreReader session, DateTimeOffset at, int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var page = await session.Entities.QueryAsync(new EntityQuery(BuiltInSchemas.MemoryEntity, null, false,
                new Paging(pageSize, Cursor: cursor), WithProvenance: false), cancellationToken);
            if (page.Items.Count > 0) yield return await FoldAsync(session, page.Items.Select(snapshot => snapshot.EntityId).ToList(), at, cancellationToken);
            cursor = page.NextCursor;
        } while (cursor is not null);
    }

    /// <summary>The entities read (by id): a page's relations are written where their <c>from</c> end is read, so each once.</summary>
    public IReadOnlyCollection<string> EntityIdsRead { get; private init; } = [];

    /// <summary>Only what a call names: the entities of those names (their ids follow from the exact name, as identity
    /// derives them) and the relations touching them, so a call that names a few entities reads a few, not the graph.</summary>
    public static async Task<MemoryGraphState> LoadNamedAsync(IStoreReader session, IEnumerable<string> names, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var derived = names.Distinct(StringComparer.Ordinal)
            .Select(name => StrataIds.EntityByIdentity(session.UserId, BuiltInSchemas.MemoryEntity, "name=" + name)).ToList();
        var found = await session.Entities.GetManyAsync(derived, cancellationToken);
        var ids = new List<string>();
        foreach (var entity in found.Values)
        {
            // An entity merged in Strata's own views answers as the one it became; the fold still keeps each name apart.
            ids.Add((await ObservationWriter.FollowMergesAsync(session.Entities, entity, cancellationToken)).Id);
        }
        return await FoldAsync(session, ids.Distinct(StringComparer.Ordinal).ToList(), at, cancellationToken);
    }

    private static async Task<MemoryGraphState> FoldAsync(IStoreReader session, IReadOnlyList<string> ids, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var fold = new MemoryEntityFold();
        // One query per few hundred entities (each entity's observations in the order written, all the fold needs: it
        // folds per name, and a name's observations are on one entity), not one per entity.
        foreach (var observation in await session.Observations.ListForEntitiesAsync(ids, at, cancellationToken)) fold.Apply(observation);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, id) in fold.EntityIds) names.TryAdd(id, name);
        if (ids.Count == 0) return new MemoryGraphState(fold, []) { EntityIdsRead = [] };
        return new MemoryGraphState(fold, await RelationsAsync(session, ids, names, at, cancellationToken))
        {
            EntityIdsRead = ids.ToHashSet(StringComparer.Ordinal),
        };
    }

    /// <summary>The profile's relations touching <paramref name="ids"/> holding at <paramref name="at"/>, by name, in one
    /// statement: an end is named by <paramref name="names"/> (the fold of what was read), else by its kept name, else by its
    /// current <c>name</c> field; a relation with an end named by none is left out. Distinct, ordered by from, type, to.</summary>
    private static async Task<List<(MemoryRelation Relation, string FromId, string ToId)>> RelationsAsync(IStoreReader session,
        IReadOnlyCollection<string> ids, Dictionary<string, string> names, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var rows = await session.Relations.HoldingWithEndNamesAsync(ids, RelationPrefix, at, cancellationToken);
        string? NameOf(string id, string? kept, string? fieldsJson)
        {
            if (names.TryGetValue(id, out var name)) return name;
            name = kept ?? FieldName(fieldsJson);
            if (name is not null) names[id] = name;
            return name;
        }
        return rows
            .Select(r => (From: NameOf(r.FromEntityId, r.FromMemoryName, r.FromFieldsJson), To: NameOf(r.ToEntityId, r.ToMemoryName, r.ToFieldsJson), Row: r))
            .Where(r => r.From is not null && r.To is not null)
            .Select(r => (new MemoryRelation(r.From!, r.To!, r.Row.RelationType[RelationPrefix.Length..]), r.Row.FromEntityId, r.Row.ToEntityId))
            .DistinctBy(r => r.Item1)
            .OrderBy(r => r.Item1.From, StringComparer.Ordinal).ThenBy(r => r.Item1.RelationType, StringComparer.Ordinal)
            .ThenBy(r => r.Item1.To, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The <c>name</c> field of an entity's current fields, if it has one.</summary>
    private static string? FieldName(string? fieldsJson)
    {
        if (fieldsJson is null) return null;
        using var fields = JsonDocument.Parse(fieldsJson);
        return fields.RootElement.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
    }

    public bool HoldsRelation(MemoryRelation relation) => Relations.Any(r => r.Relation == relation);
}
