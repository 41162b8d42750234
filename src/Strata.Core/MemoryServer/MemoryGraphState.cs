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

    /// <summary>The entities that may match a <c>search_nodes</c> query: one row per entity of the profile's type (its id and
    /// the text of every string it was given, <see cref="MemoryEntityText"/>) is read, and only those whose text may match
    /// are folded, with the relations touching them. The fold and the exact match then decide, as over the whole graph.</summary>
    public static async Task<MemoryGraphState> LoadMayMatchAsync(IStoreReader session, MemorySearch search, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var texts = await session.Entities.ListMemoryTextsAsync(cancellationToken);
        var ids = texts.Where(row => search.MayMatch(row.Text)).Select(row => row.EntityId).ToList();
        return await FoldAsync(session, ids, at, cancellationToken);
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

        var holding = (await session.Relations.HoldingAsync(ids, at, cancellationToken))
            .Where(r => r.RelationType.StartsWith(RelationPrefix, StringComparison.Ordinal)).ToList();
        // The far ends of relations leaving what was read are named by their current name field.
        var far = holding.SelectMany(r => new[] { r.FromEntityId, r.ToEntityId }).Where(id => !names.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (far.Count > 0)
        {
            foreach (var end in await session.Relations.NamedEndsAsync(far, cancellationToken))
            {
                using var fields = JsonDocument.Parse(end.FieldsJson);
                if (fields.RootElement.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String) names.TryAdd(end.EntityId, name.GetString()!);
            }
        }
        var relations = holding
            .Where(r => names.ContainsKey(r.FromEntityId) && names.ContainsKey(r.ToEntityId))
            .Select(r => (new MemoryRelation(names[r.FromEntityId], names[r.ToEntityId], r.RelationType[RelationPrefix.Length..]), r.FromEntityId, r.ToEntityId))
            .DistinctBy(r => r.Item1)
            .OrderBy(r => r.Item1.From, StringComparer.Ordinal).ThenBy(r => r.Item1.RelationType, StringComparer.Ordinal)
            .ThenBy(r => r.Item1.To, StringComparer.Ordinal)
            .ToList();
        return new MemoryGraphState(fold, relations) { EntityIdsRead = ids.ToHashSet(StringComparer.Ordinal) };
    }

    public bool HoldsRelation(MemoryRelation relation) => Relations.Any(r => r.Relation == relation);
}
