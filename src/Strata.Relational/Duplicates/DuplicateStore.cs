using System.Text.Json;
using Dapper;
using Strata.Core;
using Strata.Core.Duplicates;
using Strata.Core.Duplicates.Scoring;
using Strata.Core.Storage;
using Strata.Relational.Keyset;

namespace Strata.Relational.Duplicates;

/// <summary>Potential duplicate pairs and blocking keys of one user, on either database.</summary>
internal sealed class DuplicateStore(StoreScope scope) : IDuplicateStore
{
    private DuplicateSql Sql => scope.Dialect.Duplicates;

    public async Task<IReadOnlyList<ComparableEntity>> ChangedAsync(string entityType, DateTimeOffset since, ScanCursor? after, int limit,
        CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<EntityRow>(Sql.Changed,
            new { scope.UserId, entityType, afterAt = scope.LeanTime(after?.UpdatedAt ?? since), afterId = after?.Id ?? "", limit },
            scope.Transaction)).Select(r => r.ToEntity()).ToList();

    public async Task<DateTimeOffset?> KeyedUpToAsync(string entityType, CancellationToken cancellationToken) =>
        StoredTime.ReadNullable(await scope.Connection.ExecuteScalarAsync<object?>(Sql.KeyedUpTo, new { scope.UserId, entityType }, scope.Transaction));

    public async Task<IReadOnlyList<BlockMatch>> BlockMatchesAsync(string entityType, IReadOnlyList<Strata.Core.Duplicates.EntityKeys> keyed, int perKey, int neighbours,
        CancellationToken cancellationToken)
    {
        var owners = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entity in keyed)
        {
            foreach (var key in entity.Keys) (owners.TryGetValue(key, out var list) ? list : owners[key] = []).Add(entity.EntityId);
        }
        var matches = new List<BlockMatch>();
        foreach (var chunk in owners.Keys.Chunk(500))
        {
            var members = await scope.Connection.QueryAsync<(string BlockKey, string CandidateId)>(Sql.Blocks,
                new { scope.UserId, entityType, keys = chunk, perKey }, scope.Transaction);
            matches.AddRange(members.SelectMany(m => owners[m.BlockKey].Select(owner => new BlockMatch(owner, m.CandidateId))));
        }
        foreach (var entity in keyed)
        {
            foreach (var key in entity.Keys.Where(k => k.StartsWith(BlockingKeys.NeighbourhoodPrefix, StringComparison.Ordinal)))
            {
                var parameters = new { scope.UserId, entityType, key, neighbours };
                var next = await scope.Connection.QueryAsync<string>(Sql.NextNeighbours, parameters, scope.Transaction);
                var previous = await scope.Connection.QueryAsync<string>(Sql.PreviousNeighbours, parameters, scope.Transaction);
                matches.AddRange(next.Concat(previous).Select(id => new BlockMatch(entity.EntityId, id)));
            }
        }
        return matches.Where(m => m.EntityId != m.CandidateId).Distinct().ToList();
    }

    public async Task<IReadOnlyList<ComparableEntity>> GetComparableAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken)
    {
        var found = new List<ComparableEntity>();
        foreach (var chunk in entityIds.Chunk(500))
        {
            found.AddRange((await scope.Connection.QueryAsync<EntityRow>(Sql.Comparable, new { scope.UserId, ids = chunk }, scope.Transaction))
                .Select(r => r.ToEntity()));
        }
        return found;
    }

    public async Task ReplaceKeysAsync(Strata.Core.Duplicates.EntityKeys keys, DateTimeOffset snapshotAt, int observations, CancellationToken cancellationToken)
    {
        await scope.Connection.ExecuteAsync(Sql.DeleteKeys, new { scope.UserId, entityId = keys.EntityId }, scope.Transaction);
        // The snapshot's time in the entity row's form (its updated_at, which the scan compares it with).
        var at = scope.LeanTime(snapshotAt);
        await scope.Connection.ExecuteAsync(Sql.InsertKey,
            keys.Keys.Select(key => new { scope.UserId, entityType = keys.EntityType, entityId = keys.EntityId, key, snapshotAt = at, observations }),
            scope.Transaction);
        await scope.Connection.ExecuteAsync(Sql.InsertMarker,
            new { scope.UserId, entityType = keys.EntityType, entityId = keys.EntityId, snapshotAt = at, observations,
                keys = JsonSerializer.Serialize(keys.Keys.Order(StringComparer.Ordinal).ToArray(), RelationalJson.Default.StringArray) },
            scope.Transaction);
    }

    public async Task<int> SaveAsync(IReadOnlyList<DuplicatePair> pairs, DateTimeOffset detectedAt, CancellationToken cancellationToken)
    {
        var added = 0;
        var at = scope.Time(detectedAt);
        foreach (var pair in pairs)
        {
            // New pairs come in pending; a known pair only gets its new score and reasons, so a dismissal stands.
            var parameters = new { scope.UserId, pair.EntityType, pair.EntityA, pair.EntityB, pair.Score, pair.ReasonsJson, detectedAt = at };
            var isNew = await scope.Connection.ExecuteAsync(Sql.InsertPair, parameters, scope.Transaction);
            if (isNew == 0) await scope.Connection.ExecuteAsync(Sql.UpdatePair, parameters, scope.Transaction);
            added += isNew;
        }
        return added;
    }

    /// <summary>Best score first, then by the pair's ids; a page continues after the cursor's (score, pair).</summary>
    public async Task<Page<DuplicateCandidate>> ListAsync(string? entityType, bool includeDismissed, Strata.Core.Paging paging,
        CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { scope.UserId, entityType, includeDismissed, Limit = Pages.RowsToRead(paging), paging.Offset });
        var after = "";
        if (paging.Cursor is not null)
        {
            var (score, entityA, entityB) = DuplicateCursor.Decode(paging.Cursor);
            parameters.AddDynamicParams(new { afterScore = score, afterA = entityA, afterB = entityB });
            after = DuplicateSql.ListAfter;
        }
        var rows = await scope.Connection.QueryAsync<CandidateRow>(
            $"SELECT {DuplicateSql.CandidateColumns} {Sql.ListFilter} {after} ORDER BY d.score DESC, d.entity_a, d.entity_b LIMIT @Limit + 0 OFFSET @Offset",
            parameters, scope.Transaction);
        int? total = paging.IncludeTotal
            ? await scope.Connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) {Sql.ListFilter}", new { scope.UserId, entityType, includeDismissed },
                scope.Transaction)
            : null;
        return Pages.Of(rows.Select(r => r.ToCandidate()).ToList(), paging, DuplicateCursor.Of, total);
    }

    public async Task<DuplicateCandidate?> GetAsync(string entityA, string entityB, CancellationToken cancellationToken) =>
        (await scope.Connection.QuerySingleOrDefaultAsync<CandidateRow>(
            $"SELECT {DuplicateSql.CandidateColumns} {DuplicateSql.Visible} AND d.entity_a = @entityA AND d.entity_b = @entityB",
            new { scope.UserId, entityA, entityB }, scope.Transaction))?.ToCandidate();

    public async Task<bool> DismissAsync(string entityA, string entityB, DateTimeOffset dismissedAt, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Dismiss, new { scope.UserId, entityA, entityB, dismissedAt = scope.Time(dismissedAt) },
            scope.Transaction) == 1;

    /// <summary>An entity row as either database returns it; times are <see cref="object"/> (see <see cref="StoredTime"/>).</summary>
    private sealed class EntityRow
    {
        public string Id { get; set; } = "";
        public string EntityType { get; set; } = "";
        public string CanonicalName { get; set; } = "";
        public string FieldsJson { get; set; } = "{}";
        public object UpdatedAt { get; set; } = "";
        public int ObservationCount { get; set; }

        public ComparableEntity ToEntity() => new(Id, EntityType, CanonicalName,
            StoredJson.ReadFields(FieldsJson), StoredTime.Read(UpdatedAt), ObservationCount);
    }

    private sealed class CandidateRow
    {
        public string EntityType { get; set; } = "";
        public string EntityA { get; set; } = "";
        public string NameA { get; set; } = "";
        public string EntityB { get; set; } = "";
        public string NameB { get; set; } = "";
        public double Score { get; set; }
        public string Status { get; set; } = "";
        public object DetectedAt { get; set; } = "";
        public object? DismissedAt { get; set; }
        public string ReasonsJson { get; set; } = "{}";

        public DuplicateCandidate ToCandidate() => new(EntityType, EntityA, NameA, EntityB, NameB, Score, Status,
            StoredTime.Read(DetectedAt), StoredTime.ReadNullable(DismissedAt), ReasonsJson);
    }
}
