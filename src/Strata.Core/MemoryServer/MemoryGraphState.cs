using Strata.Core.Entities;
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

    public static async Task<MemoryGraphState> LoadAsync(IStoreSession session, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var fold = new MemoryEntityFold();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await session.Entities.QueryAsync(new EntityQuery(BuiltInSchemas.MemoryEntity, null, false,
                new Paging(Paging.MaxLimit, Cursor: cursor), WithProvenance: false), cancellationToken);
            foreach (var entity in page.Items)
            {
                foreach (var observation in await session.Observations.ListForEntityAsync(entity.EntityId, at, cancellationToken))
                {
                    fold.Apply(observation);
                }
            }
            cursor = page.NextCursor;
        } while (cursor is not null);
        foreach (var (name, id) in fold.EntityIds) names.TryAdd(id, name);

        var holding = names.Count == 0 ? [] : await session.Relations.HoldingAsync(names.Keys, at, cancellationToken);
        var relations = holding
            .Where(r => r.RelationType.StartsWith(RelationPrefix, StringComparison.Ordinal)
                && names.ContainsKey(r.FromEntityId) && names.ContainsKey(r.ToEntityId))
            .Select(r => (new MemoryRelation(names[r.FromEntityId], names[r.ToEntityId], r.RelationType[RelationPrefix.Length..]), r.FromEntityId, r.ToEntityId))
            .DistinctBy(r => r.Item1)
            .OrderBy(r => r.Item1.From, StringComparer.Ordinal).ThenBy(r => r.Item1.RelationType, StringComparer.Ordinal)
            .ThenBy(r => r.Item1.To, StringComparer.Ordinal)
            .ToList();
        return new MemoryGraphState(fold, relations);
    }

    public bool HoldsRelation(MemoryRelation relation) => Relations.Any(r => r.Relation == relation);
}
