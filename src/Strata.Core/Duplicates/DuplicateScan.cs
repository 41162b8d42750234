using Strata.Core.Duplicates.Scoring;
using Strata.Core.Operations;
using Strata.Core.Schemas;
using Strata.Core.Storage;

namespace Strata.Core.Duplicates;

/// <summary>
/// One user's incremental duplicate scan. Per type, the entities whose snapshot changed since their blocking keys
/// were written are taken in batches; in one write transaction per batch their keys are replaced, the entities
/// sharing a key (or neighbouring them in name order) are read, each pair is scored, and the pairs at or above the
/// threshold are saved with their reasons. A crash leaves a batch unkeyed, so the next scan takes it again: no
/// entity is marked scanned without its pairs.
/// </summary>
internal sealed class DuplicateScan(IStrataStore store, DuplicateTuning tuning, TimeProvider clock)
{
    public async Task<(DuplicateScanResult Result, List<(DuplicatePair Pair, string From, string To)> ToMerge)> RunAsync(string userId,
        CancellationToken cancellationToken)
    {
        SchemaCatalog catalog;
        await using (var read = await store.OpenReadAsync(userId, cancellationToken))
        {
            catalog = await SchemaCatalog.LoadAsync(read.Schemas, cancellationToken);
        }
        var totals = new Totals();
        var toMerge = new List<(DuplicatePair, string, string)>();
        foreach (var schema in catalog.All.OrderBy(s => s.EntityType, StringComparer.Ordinal))
        {
            var scoring = DefaultScoring.For(schema);
            await ScanTypeAsync(userId, schema.EntityType, scoring, totals, toMerge, cancellationToken);
        }
        return (new DuplicateScanResult(totals.Entities, totals.Compared, totals.Found, totals.New, 0), toMerge);
    }

    private async Task ScanTypeAsync(string userId, string entityType, DuplicateScoring scoring, Totals totals,
        List<(DuplicatePair, string, string)> toMerge, CancellationToken cancellationToken)
    {
        var scorer = new PairScorer(scoring);
        var threshold = scoring.Threshold ?? tuning.Threshold;
        DateTimeOffset since;
        await using (var read = await store.OpenReadAsync(userId, cancellationToken))
        {
            // Snapshots written a little before the newest keyed one may have committed after it: look back a margin.
            since = await read.Duplicates.KeyedUpToAsync(entityType, cancellationToken) is { } keyedUpTo
                ? keyedUpTo - tuning.LookBack
                : DateTimeOffset.MinValue;
        }
        ScanCursor? cursor = null;
        while (true)
        {
            await using var session = await store.OpenWriteAsync(userId, cancellationToken);
            var batch = await session.Duplicates.ChangedAsync(entityType, since, cursor, tuning.BatchSize, cancellationToken);
            if (batch.Count == 0) return;
            cursor = new ScanCursor(batch[^1].UpdatedAt, batch[^1].Id);
            var keyed = batch.Select(e => new EntityKeys(e.Id, entityType, BlockingKeys.For(scoring, Comparable(e)))).ToList();
            foreach (var (entity, keys) in batch.Zip(keyed))
            {
                await session.Duplicates.ReplaceKeysAsync(keys, entity.UpdatedAt, entity.ObservationCount, cancellationToken);
            }
            var matches = await session.Duplicates.BlockMatchesAsync(entityType, keyed, tuning.PerKey, tuning.Neighbours, cancellationToken);
            var pairs = matches.Select(m => Ordered(m.EntityId, m.CandidateId)).Distinct().ToList();
            var known = batch.ToDictionary(e => e.Id);
            var missing = pairs.SelectMany(p => new[] { p.A, p.B }).Where(id => !known.ContainsKey(id)).Distinct().ToList();
            foreach (var entity in await session.Duplicates.GetComparableAsync(missing, cancellationToken)) known[entity.Id] = entity;

            var prepared = known.ToDictionary(e => e.Key, e => scorer.Prepare(Comparable(e.Value)));
            var found = new List<DuplicatePair>();
            foreach (var (a, b) in pairs)
            {
                // A candidate merged away since its keys were written is gone from `known`: nothing to compare.
                if (!known.TryGetValue(a, out var left) || !known.TryGetValue(b, out var right)) continue;
                totals.Compared++;
                var score = scorer.Score(prepared[a], prepared[b]);
                if (score.Score < threshold) continue;
                var pair = new DuplicatePair(entityType, a, b, Math.Round(score.Score, 4), PairReasons.ToJson(score));
                found.Add(pair);
                if (scoring.AutoMergeThreshold is { } auto && score.Score >= auto)
                {
                    // The entity that just changed joins the one that was there before it.
                    var (from, to) = left.UpdatedAt >= right.UpdatedAt ? (a, b) : (b, a);
                    toMerge.Add((pair, from, to));
                }
            }
            totals.New += await session.Duplicates.SaveAsync(found, clock.GetUtcNow(), cancellationToken);
            await session.CommitAsync(cancellationToken);
            totals.Entities += batch.Count;
            totals.Found += found.Count;
        }
    }

    /// <summary>The snapshot's fields, with the canonical name as a field for types compared on it (a digest name of a
    /// nameless record says nothing about what it is, so it is left out).</summary>
    private static IReadOnlyDictionary<string, System.Text.Json.JsonElement> Comparable(ComparableEntity entity)
    {
        if (entity.CanonicalName.StartsWith('#') || entity.Fields.ContainsKey(DefaultScoring.CanonicalNameField)) return entity.Fields;
        return new Dictionary<string, System.Text.Json.JsonElement>(entity.Fields)
        {
            [DefaultScoring.CanonicalNameField] = System.Text.Json.JsonSerializer.SerializeToElement(entity.CanonicalName, Operations.StrataJson.Wire.String),
        };
    }

    private static (string A, string B) Ordered(string x, string y) => string.CompareOrdinal(x, y) < 0 ? (x, y) : (y, x);

    private sealed class Totals
    {
        public int Entities;
        public int Compared;
        public int Found;
        public int New;
    }
}

/// <summary>How a duplicate scan trades completeness for cost.</summary>
/// <param name="Threshold">Default minimum score of a suggested pair (a schema may set its own).</param>
/// <param name="PerKey">Most members of one blocking key an entity is compared with (the latest): a key shared by
/// thousands (a common surname's code) says little, and the other keys still find the pair.</param>
/// <param name="Neighbours">Entities on each side of an entity in name order that it is compared with.</param>
/// <param name="BatchSize">Changed entities keyed and compared per transaction.</param>
/// <param name="LookBack">How far before the newest keyed snapshot a scan looks again for late commits.</param>
public sealed record DuplicateTuning(double Threshold, int PerKey = 100, int Neighbours = 3, int BatchSize = 200, TimeSpan LookBack = default)
{
    public TimeSpan LookBack { get; init; } = LookBack == default ? TimeSpan.FromMinutes(10) : LookBack;
}
