using Strata.Core.Storage;
using System.Data.Common;
using Strata.Core.Entities;
using Strata.Core.Snapshots;

namespace Strata.Sqlite.Storage;

internal sealed partial class SqliteEntityStore
{
    private const string SnapshotColumns = """
        id AS EntityId, entity_type AS EntityType, canonical_name AS CanonicalName, fields_json AS FieldsJson,
        provenance_json AS ProvenanceJson, observation_count AS ObservationCount, updated_at AS UpdatedAt, merged_into AS MergedInto
        """;

    private const string GetSnapshotSql = $"SELECT {SnapshotColumns} FROM entities WHERE user_id = @UserId AND id = @entityId";

    private const string UpdateSnapshotSql = """
        UPDATE entities SET fields_json = @fieldsJson, provenance_json = @provenanceJson, observation_count = @ObservationCount,
            updated_at = @updatedAt, search_text = @searchText
        WHERE user_id = @UserId AND id = @EntityId
        RETURNING rowid
        """;

    private const string DeleteSearchSql = "DELETE FROM entities_fts WHERE rowid = @rowId";

    private const string DeleteTimelineSql = "DELETE FROM timeline_events WHERE user_id = @UserId AND entity_id = @EntityId";

    private const string InsertSearchSql = "INSERT INTO entities_fts (rowid, search_text) VALUES (@rowId, @searchText)";

    private const string InsertTimelineSql = """
        INSERT INTO timeline_events (user_id, entity_id, entity_type, canonical_name, label, field, date)
        VALUES (@UserId, @EntityId, @EntityType, @CanonicalName, @Label, @Field, @Date)
        """;

    public Task SaveSnapshotAsync(Snapshot snapshot, string searchText, IReadOnlyList<TimelineEvent> timeline, CancellationToken cancellationToken)
    {
        var fresh = _insertedUnsaved.Remove(snapshot.EntityId, out var inserted);
        long rowId;
        if (inserted is not null && inserted.Holds(snapshot, searchText))
        {
            rowId = inserted.RowId; // the row was inserted holding exactly this snapshot
        }
        else
        {
            var written = SnapshotColumnsWritten.Of(snapshot, searchText);
            var returned = scope.Statement(UpdateSnapshotSql)
                .Bind("@fieldsJson", written.FieldsJson).Bind("@provenanceJson", written.ProvenanceJson)
                .Bind("@ObservationCount", snapshot.ObservationCount).Bind("@updatedAt", written.UpdatedAt)
                .Bind("@searchText", searchText).Bind("@UserId", scope.UserId).Bind("@EntityId", snapshot.EntityId)
                .ExecuteScalar();
            rowId = returned is long id ? id : 0L;
        }

        if (!fresh)
        {
            scope.Statement(DeleteSearchSql).Bind("@rowId", rowId).ExecuteNonQuery();
            scope.Statement(DeleteTimelineSql).Bind("@UserId", scope.UserId).Bind("@EntityId", snapshot.EntityId).ExecuteNonQuery();
        }
        if (snapshot.MergedInto is not null)
        {
            return Task.CompletedTask; // a merged entity leaves search and the timeline; its target answers for it
        }
        scope.Statement(InsertSearchSql).Bind("@rowId", rowId).Bind("@searchText", searchText).ExecuteNonQuery();
        foreach (var e in timeline)
        {
            scope.Statement(InsertTimelineSql)
                .Bind("@UserId", scope.UserId).Bind("@EntityId", e.EntityId).Bind("@EntityType", e.EntityType)
                .Bind("@CanonicalName", e.CanonicalName).Bind("@Label", e.Label).Bind("@Field", e.Field).Bind("@Date", e.Date)
                .ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    public Task<Snapshot?> GetSnapshotAsync(string entityId, CancellationToken cancellationToken)
    {
        using var reader = scope.Statement(GetSnapshotSql).Bind("@UserId", scope.UserId).Bind("@entityId", entityId).ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadSnapshot(reader) : null);
    }

    /// <summary>A row of <see cref="SnapshotColumns"/>, in their order.</summary>
    private static Snapshot ReadSnapshot(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2),
        StoredJson.ReadFields(reader.GetString(3)), StoredJson.ReadMap(reader.GetString(4)), reader.GetInt32(5),
        SqliteTime.Read(reader.GetString(6)), reader.GetNullableString(7));
}

/// <summary>The snapshot columns of an entity row as written, to tell whether a later save would change them.</summary>
internal sealed record SnapshotColumnsWritten(Snapshot Snapshot, string FieldsJson, string ProvenanceJson, string UpdatedAt, string SearchText)
{
    public long RowId { get; init; }

    public static SnapshotColumnsWritten Of(Snapshot snapshot, string searchText) => new(snapshot, StoredJson.Write(snapshot.Fields),
        StoredJson.Write(snapshot.Provenance), SqliteTime.Write(snapshot.UpdatedAt), searchText);

    /// <summary>Whether saving this snapshot would write exactly these columns (the same snapshot object, or equal columns).</summary>
    public bool Holds(Snapshot snapshot, string searchText)
    {
        if (SearchText != searchText) return false;
        if (ReferenceEquals(Snapshot, snapshot)) return true;
        var other = Of(snapshot, searchText);
        return FieldsJson == other.FieldsJson && ProvenanceJson == other.ProvenanceJson && UpdatedAt == other.UpdatedAt
            && Snapshot.ObservationCount == snapshot.ObservationCount;
    }
}
