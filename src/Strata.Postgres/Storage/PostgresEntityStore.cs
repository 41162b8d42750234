using Dapper;
using Strata.Core.Entities;

namespace Strata.Postgres.Storage;

/// <summary>Entities and merges; snapshots, search and the timeline are in the other parts of this class.</summary>
internal sealed partial class PostgresEntityStore(PostgresScope scope) : IEntityStore
{
    public async Task<Entity?> GetAsync(string entityId, CancellationToken cancellationToken)
    {
        var row = await scope.Connection.QuerySingleOrDefaultAsync<EntityRow>("""
            SELECT id AS Id, user_id AS UserId, entity_type AS EntityType, canonical_name AS CanonicalName,
                   merged_into AS MergedInto, merged_at AS MergedAt, created_at AS CreatedAt
            FROM entities WHERE user_id = @UserId AND id = @entityId
            """, new { scope.UserId, entityId }, scope.Transaction);
        return row is null ? null : new Entity(row.Id, row.UserId, row.EntityType, row.CanonicalName, row.MergedInto,
            PgTime.Read(row.MergedAt), PgTime.Read(row.CreatedAt));
    }

    public async Task<IReadOnlyDictionary<string, Entity>> GetManyAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken)
    {
        var rows = await scope.Connection.QueryAsync<EntityRow>("""
            SELECT id AS Id, user_id AS UserId, entity_type AS EntityType, canonical_name AS CanonicalName,
                   merged_into AS MergedInto, merged_at AS MergedAt, created_at AS CreatedAt
            FROM entities WHERE user_id = @UserId AND id = ANY(@ids)
            """, new { scope.UserId, ids = entityIds.ToArray() }, scope.Transaction);
        return rows.ToDictionary(row => row.Id, row => new Entity(row.Id, row.UserId, row.EntityType, row.CanonicalName, row.MergedInto,
            PgTime.Read(row.MergedAt), PgTime.Read(row.CreatedAt)), StringComparer.Ordinal);
    }

    public async Task<bool> InsertAsync(Entity entity, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync("""
            INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at)
            VALUES (@Id, @UserId, @EntityType, @CanonicalName, @createdAt, @createdAt)
            ON CONFLICT (id) DO NOTHING
            """,
            new { entity.Id, scope.UserId, entity.EntityType, entity.CanonicalName, createdAt = PgTime.Write(entity.CreatedAt) },
            scope.Transaction) == 1;

    /// <summary>Row locks in id order, so two writers of overlapping entities queue instead of deadlocking. NO KEY
    /// UPDATE, because inserting an observation already holds KEY SHARE on its entity (the foreign key).</summary>
    public Task LockAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync("SELECT id FROM entities WHERE user_id = @UserId AND id = ANY(@ids) ORDER BY id FOR NO KEY UPDATE",
            new { scope.UserId, ids = entityIds.Order(StringComparer.Ordinal).ToArray() }, scope.Transaction);

    public Task MarkMergedAsync(string fromEntityId, string toEntityId, DateTimeOffset mergedAt, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(
            "UPDATE entities SET merged_into = @toEntityId, merged_at = @mergedAt WHERE user_id = @UserId AND id = @fromEntityId",
            new { scope.UserId, fromEntityId, toEntityId, mergedAt = PgTime.Write(mergedAt) }, scope.Transaction);

    public Task InsertMergeAsync(MergeRecord merge, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync("""
            INSERT INTO merges (id, user_id, from_entity_id, to_entity_id, reason, observations_moved, merged_at)
            VALUES (@Id, @UserId, @FromEntityId, @ToEntityId, @Reason, @ObservationsMoved, @mergedAt)
            """,
            new { merge.Id, scope.UserId, merge.FromEntityId, merge.ToEntityId, merge.Reason, merge.ObservationsMoved,
                mergedAt = PgTime.Write(merge.MergedAt) }, scope.Transaction);

    public async Task<IReadOnlyList<MergeRecord>> ListMergesAsync(string entityId, CancellationToken cancellationToken)
    {
        var rows = await scope.Connection.QueryAsync<MergeRow>("""
            SELECT id AS Id, user_id AS UserId, from_entity_id AS FromEntityId, to_entity_id AS ToEntityId, reason AS Reason,
                   observations_moved AS ObservationsMoved, merged_at AS MergedAt
            FROM merges WHERE user_id = @UserId AND (to_entity_id = @entityId OR from_entity_id = @entityId) ORDER BY merged_at
            """, new { scope.UserId, entityId }, scope.Transaction);
        return rows.Select(r => new MergeRecord(r.Id, r.UserId, r.FromEntityId, r.ToEntityId, r.Reason, r.ObservationsMoved,
            PgTime.Read(r.MergedAt))).ToList();
    }

    private sealed class EntityRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string EntityType { get; set; } = "";
        public string CanonicalName { get; set; } = "";
        public string? MergedInto { get; set; }
        public DateTime? MergedAt { get; set; }
        public DateTime CreatedAt { get; set; }
    }

    private sealed class MergeRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string FromEntityId { get; set; } = "";
        public string ToEntityId { get; set; } = "";
        public string? Reason { get; set; }
        public int ObservationsMoved { get; set; }
        public DateTime MergedAt { get; set; }
    }
}
