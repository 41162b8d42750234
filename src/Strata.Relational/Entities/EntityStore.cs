using Dapper;
using Strata.Core.Entities;
using Strata.Core.Snapshots;

namespace Strata.Relational.Entities;

/// <summary>Entities and merges of one user, on either database; snapshots and lists are in the other parts of this
/// class, the timeline in EntityStore.Timeline, text search in the database's own <see cref="IEntitySearch"/>.</summary>
internal sealed partial class EntityStore(StoreScope scope, IEntitySearch search) : IEntityStore
{
    /// <summary>Entities this session inserted whose snapshot it has not saved yet, with the snapshot columns their row
    /// was inserted with (null when inserted without). They have no search or timeline rows (an entity is deleted only
    /// with those rows, so a row inserted again under its id starts with none): saving their first snapshot has nothing
    /// to delete, and nothing to update when the row already holds it.</summary>
    private readonly Dictionary<string, SnapshotColumnsWritten?> _insertedUnsaved = new(StringComparer.Ordinal);

    private EntitySql Sql => scope.Dialect.Entities;

    public async Task<Entity?> GetAsync(string entityId, CancellationToken cancellationToken)
    {
        await using var reader = await scope.Statement(Sql.Get).Bind("@UserId", scope.UserId).Bind("@entityId", entityId)
            .ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? EntityRows.ReadEntity(reader) : null;
    }

    public async Task<IReadOnlyDictionary<string, Entity>> GetManyAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Entity>(StringComparer.Ordinal);
        if (entityIds.Count == 0)
        {
            return found;
        }
        await using var reader = await scope.Statement(Sql.GetMany)
            .Bind("@UserId", scope.UserId).Bind("@entityIds", scope.Dialect.TextList(entityIds))
            .ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var entity = EntityRows.ReadEntity(reader);
            found[entity.Id] = entity;
        }
        return found;
    }

    public async Task<bool> InsertAsync(Entity entity, CancellationToken cancellationToken)
    {
        var inserted = await scope.Statement(Sql.Insert)
            .Bind("@Id", entity.Id).Bind("@UserId", scope.UserId).Bind("@EntityType", entity.EntityType)
            .Bind("@CanonicalName", entity.CanonicalName).Bind("@createdAt", scope.LeanTime(entity.CreatedAt))
            .ExecuteNonQueryAsync(cancellationToken) == 1;
        if (inserted)
        {
            _insertedUnsaved[entity.Id] = null;
        }
        return inserted;
    }

    public async Task<bool> InsertAsync(NewEntity newEntity, CancellationToken cancellationToken)
    {
        var (entity, firstSnapshot, searchText) = (newEntity.Entity, newEntity.FirstSnapshot, newEntity.SearchText);
        var written = SnapshotColumnsWritten.Of(firstSnapshot, searchText, newEntity.MemoryText, newEntity.MemoryState);
        var inserted = await scope.Statement(Sql.InsertWithSnapshot)
            .Bind("@Id", entity.Id).Bind("@UserId", scope.UserId).Bind("@EntityType", entity.EntityType)
            .Bind("@CanonicalName", entity.CanonicalName).Bind("@createdAt", scope.LeanTime(entity.CreatedAt))
            .Bind("@fieldsJson", written.FieldsJson).Bind("@provenanceJson", written.ProvenanceJson)
            .Bind("@ObservationCount", firstSnapshot.ObservationCount).Bind("@updatedAt", scope.LeanTime(firstSnapshot.UpdatedAt))
            .Bind("@searchText", searchText).Bind("@memoryText", newEntity.MemoryText)
            .Bind("@memoryName", newEntity.MemoryState?.Name).Bind("@memoryState", newEntity.MemoryState?.Json)
            .ExecuteNonQueryAsync(cancellationToken) == 1;
        if (inserted)
        {
            _insertedUnsaved[entity.Id] = written with { RowId = scope.LastInsertedRowId ?? 0 };
        }
        return inserted;
    }

    /// <summary>Row locks in id order, so two writers of overlapping entities queue instead of deadlocking; nothing
    /// where the database has one writer at a time (holding the write transaction is the lock).</summary>
    public Task LockAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken) => LockAsync(Sql.Lock, entityIds);

    public Task LockForRemovalAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken) =>
        LockAsync(Sql.LockForRemoval, entityIds);

    private async Task LockAsync(string? sql, IReadOnlyCollection<string> entityIds)
    {
        if (sql is not null && entityIds.Count > 0)
        {
            await scope.Connection.ExecuteAsync(sql,
                new { scope.UserId, entityIds = scope.Dialect.TextList(entityIds.Order(StringComparer.Ordinal).ToList()) }, scope.Transaction);
        }
    }

    public Task MarkMergedAsync(string fromEntityId, string toEntityId, DateTimeOffset mergedAt, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.MarkMerged,
            new { scope.UserId, fromEntityId, toEntityId, mergedAt = scope.LeanTime(mergedAt) }, scope.Transaction);

    public Task InsertMergeAsync(MergeRecord merge, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.InsertMerge,
            new { merge.Id, scope.UserId, merge.FromEntityId, merge.ToEntityId, merge.Reason, merge.ObservationsMoved,
                mergedAt = scope.Time(merge.MergedAt) }, scope.Transaction);

    public async Task<IReadOnlyList<MergeRecord>> ListMergesAsync(string entityId, CancellationToken cancellationToken)
    {
        var merges = new List<MergeRecord>();
        using var reader = await scope.Connection.ExecuteReaderAsync(Sql.ListMerges, new { scope.UserId, entityId }, scope.Transaction);
        while (await reader.ReadAsync(cancellationToken))
        {
            merges.Add(EntityRows.ReadMerge(reader));
        }
        return merges;
    }
}
