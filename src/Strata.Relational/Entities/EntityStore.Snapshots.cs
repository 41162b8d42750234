using Strata.Core.Snapshots;

namespace Strata.Relational.Entities;

internal sealed partial class EntityStore
{
    public async Task SaveSnapshotAsync(PreparedSnapshot prepared, CancellationToken cancellationToken)
    {
        var (snapshot, timeline, memoryText, memoryState) = (prepared.Snapshot, prepared.Timeline, prepared.MemoryText, prepared.MemoryState);
        // A merged entity leaves search and the timeline; its target answers for it.
        var merged = snapshot.MergedInto is not null;
        var text = merged ? "" : prepared.SearchText;
        var fresh = _insertedUnsaved.Remove(snapshot.EntityId, out var inserted);
        long rowId;
        if (inserted is not null && inserted.Holds(snapshot, text, memoryText, memoryState))
        {
            rowId = inserted.RowId; // the row was inserted holding exactly this snapshot
        }
        else
        {
            var written = SnapshotColumnsWritten.Of(snapshot, text, memoryText, memoryState);
            var returned = await scope.Statement(Sql.UpdateSnapshot)
                .Bind("@fieldsJson", written.FieldsJson).Bind("@provenanceJson", written.ProvenanceJson)
                .Bind("@ObservationCount", snapshot.ObservationCount).Bind("@updatedAt", scope.LeanTime(snapshot.UpdatedAt))
                .Bind("@searchText", text).Bind("@memoryText", memoryText)
                .Bind("@memoryName", memoryState?.Name).Bind("@memoryState", memoryState?.Json).Bind("@UserId", scope.UserId).Bind("@EntityId", snapshot.EntityId)
                .ExecuteScalarAsync(cancellationToken);
            rowId = returned is long id ? id : 0L;
        }

        if (!fresh)
        {
            if (Sql.SearchDelete is not null)
            {
                await scope.Statement(Sql.SearchDelete).Bind("@rowId", rowId).ExecuteNonQueryAsync(cancellationToken);
            }
            await scope.Statement(Sql.DeleteTimeline).Bind("@UserId", scope.UserId).Bind("@EntityId", snapshot.EntityId)
                .ExecuteNonQueryAsync(cancellationToken);
        }
        if (merged)
        {
            return;
        }
        if (Sql.SearchInsert is not null)
        {
            await scope.Statement(Sql.SearchInsert).Bind("@rowId", rowId).Bind("@searchText", text).ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var e in timeline)
        {
            await scope.Statement(Sql.InsertTimeline)
                .Bind("@UserId", scope.UserId).Bind("@EntityId", e.EntityId).Bind("@EntityType", e.EntityType)
                .Bind("@CanonicalName", e.CanonicalName).Bind("@Label", e.Label).Bind("@Field", e.Field).Bind("@Date", e.Date)
                .ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<Snapshot?> GetSnapshotAsync(string entityId, CancellationToken cancellationToken)
    {
        await using var reader = await scope.Statement(Sql.GetSnapshot).Bind("@UserId", scope.UserId).Bind("@entityId", entityId)
            .ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? EntityRows.ReadSnapshot(reader) : null;
    }

    public async Task<IReadOnlyDictionary<string, Snapshot>> GetSnapshotsAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Snapshot>(StringComparer.Ordinal);
        if (entityIds.Count == 0) return found;
        await using var reader = await scope.Statement(Sql.GetSnapshots).Bind("@UserId", scope.UserId)
            .Bind("@entityIds", scope.Dialect.TextList(entityIds)).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var snapshot = EntityRows.ReadSnapshot(reader);
            found[snapshot.EntityId] = snapshot;
        }
        return found;
    }
}
