using System.Data.Common;
using Strata.Core.Entities;
using Strata.Core.Snapshots;

namespace Strata.Relational.Entities;

/// <summary>Many entities, search rows and timeline rows a statement (<see cref="RowBatches"/>): a batch of records
/// writes each table with a few statements instead of one per row.</summary>
internal sealed partial class EntityStore
{
    private const string BatchSavepoint = "entities_batch";

    public async Task<bool> InsertAllAsync(IReadOnlyList<NewEntity> entities, CancellationToken cancellationToken)
    {
        if (entities.Count == 0) return true;
        // Where several writers run at once, rows go in id order, so two batches that share entities queue instead of
        // deadlocking; where one writer runs at a time, in the order given (new rowids then follow the records).
        var rows = Sql.Lock is null ? entities : entities.OrderBy(e => e.Entity.Id, StringComparer.Ordinal).ToList();
        var written = new SnapshotColumnsWritten[rows.Count];
        var rowIds = new Dictionary<string, long>(rows.Count, StringComparer.Ordinal);
        await scope.Transaction.SaveAsync(BatchSavepoint, cancellationToken);
        var columns = EntitySql.InsertManyColumns.Length;
        foreach (var (first, count) in RowBatches.Chunks(rows.Count))
        {
            var command = RowBatches.Statement(scope, Sql.InsertManyHead, Sql.InsertManyRow, Sql.InsertManyTail, EntitySql.InsertManyColumns, count);
            for (var i = 0; i < count; i++)
            {
                var row = rows[first + i];
                var w = written[first + i] = SnapshotColumnsWritten.Of(row.FirstSnapshot, row.SearchText, row.MemoryText, row.MemoryState);
                RowBatches.Set(command, columns, i, 0, row.Entity.Id);
                RowBatches.Set(command, columns, i, 1, row.Entity.EntityType);
                RowBatches.Set(command, columns, i, 2, row.Entity.CanonicalName);
                RowBatches.Set(command, columns, i, 3, scope.LeanTime(row.Entity.CreatedAt));
                RowBatches.Set(command, columns, i, 4, w.FieldsJson);
                RowBatches.Set(command, columns, i, 5, w.ProvenanceJson);
                RowBatches.Set(command, columns, i, 6, row.FirstSnapshot.ObservationCount);
                RowBatches.Set(command, columns, i, 7, scope.LeanTime(row.FirstSnapshot.UpdatedAt));
                RowBatches.Set(command, columns, i, 8, row.SearchText);
                RowBatches.Set(command, columns, i, 9, row.MemoryText);
                RowBatches.Set(command, columns, i, 10, row.MemoryState?.Name);
                RowBatches.Set(command, columns, i, 11, row.MemoryState?.Json);
            }
            await ReadInsertedAsync(command, rowIds, cancellationToken);
        }
        if (rowIds.Count != rows.Count)
        {
            // A concurrent writer committed one of them first: the caller writes these records one by one instead.
            await scope.Transaction.RollbackAsync(BatchSavepoint, cancellationToken);
            return false;
        }
        await scope.Transaction.ReleaseAsync(BatchSavepoint, cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            var id = rows[i].Entity.Id;
            _insertedUnsaved[id] = written[i] with { RowId = rowIds[id] };
        }
        return true;
    }

    private static async Task ReadInsertedAsync(RowBatch command, Dictionary<string, long> rowIds, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var withRowId = reader.FieldCount > 1;
        while (await reader.ReadAsync(cancellationToken))
        {
            rowIds[reader.GetString(0)] = withRowId ? reader.GetInt64(1) : 0L;
        }
    }

    public async Task SaveSnapshotsAsync(IReadOnlyList<PreparedSnapshot> snapshots, CancellationToken cancellationToken)
    {
        // Entities inserted in this session holding exactly this snapshot need only their search and timeline rows,
        // which go in a few statements; any other is saved on its own.
        var search = new List<(long RowId, string Text)>();
        var timeline = new List<TimelineEvent>();
        foreach (var prepared in snapshots)
        {
            var snapshot = prepared.Snapshot;
            if (snapshot.MergedInto is null && _insertedUnsaved.TryGetValue(snapshot.EntityId, out var inserted) && inserted is not null
                && inserted.Holds(snapshot, prepared.SearchText, prepared.MemoryText, prepared.MemoryState))
            {
                _insertedUnsaved.Remove(snapshot.EntityId);
                search.Add((inserted.RowId, prepared.SearchText));
                timeline.AddRange(prepared.Timeline);
            }
            else
            {
                await SaveSnapshotAsync(prepared, cancellationToken);
            }
        }
        foreach (var head in Sql.SearchInsertManyHeads)
        {
            var columns = EntitySql.SearchInsertManyColumns.Length;
            foreach (var (first, count) in RowBatches.Chunks(search.Count))
            {
                var command = RowBatches.Statement(scope, head, Sql.SearchInsertManyRow, "", EntitySql.SearchInsertManyColumns, count);
                for (var i = 0; i < count; i++)
                {
                    RowBatches.Set(command, columns, i, 0, search[first + i].RowId);
                    RowBatches.Set(command, columns, i, 1, search[first + i].Text);
                }
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        var timelineColumns = EntitySql.InsertTimelineManyColumns.Length;
        foreach (var (first, count) in RowBatches.Chunks(timeline.Count))
        {
            var command = RowBatches.Statement(scope, Sql.InsertTimelineManyHead, Sql.InsertTimelineManyRow, "", EntitySql.InsertTimelineManyColumns, count);
            for (var i = 0; i < count; i++)
            {
                var e = timeline[first + i];
                RowBatches.Set(command, timelineColumns, i, 0, e.EntityId);
                RowBatches.Set(command, timelineColumns, i, 1, e.EntityType);
                RowBatches.Set(command, timelineColumns, i, 2, e.CanonicalName);
                RowBatches.Set(command, timelineColumns, i, 3, e.Label);
                RowBatches.Set(command, timelineColumns, i, 4, e.Field);
                RowBatches.Set(command, timelineColumns, i, 5, e.Date);
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
