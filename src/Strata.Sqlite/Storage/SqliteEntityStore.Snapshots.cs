using Strata.Core.Storage;
using Dapper;
using Strata.Core.Entities;
using Strata.Core.Snapshots;

namespace Strata.Sqlite.Storage;

internal sealed partial class SqliteEntityStore
{
    private const string SnapshotColumns = """
        id AS EntityId, entity_type AS EntityType, canonical_name AS CanonicalName, fields_json AS FieldsJson,
        provenance_json AS ProvenanceJson, observation_count AS ObservationCount, updated_at AS UpdatedAt, merged_into AS MergedInto
        """;

    public async Task SaveSnapshotAsync(Snapshot snapshot, string searchText, IReadOnlyList<TimelineEvent> timeline, CancellationToken cancellationToken)
    {
        var rowId = await scope.Connection.ExecuteScalarAsync<long>("""
            UPDATE entities SET fields_json = @fieldsJson, provenance_json = @provenanceJson, observation_count = @ObservationCount,
                updated_at = @updatedAt, search_text = @searchText
            WHERE user_id = @UserId AND id = @EntityId
            RETURNING rowid
            """,
            new { fieldsJson = StoredJson.Write(snapshot.Fields), provenanceJson = StoredJson.Write(snapshot.Provenance),
                snapshot.ObservationCount, updatedAt = SqliteTime.Write(snapshot.UpdatedAt), searchText, scope.UserId, snapshot.EntityId },
            scope.Transaction);

        await scope.Connection.ExecuteAsync("DELETE FROM entities_fts WHERE rowid = @rowId", new { rowId }, scope.Transaction);
        await scope.Connection.ExecuteAsync("DELETE FROM timeline_events WHERE user_id = @UserId AND entity_id = @EntityId",
            new { scope.UserId, snapshot.EntityId }, scope.Transaction);
        if (snapshot.MergedInto is not null)
        {
            return; // a merged entity leaves search and the timeline; its target answers for it
        }
        await scope.Connection.ExecuteAsync("INSERT INTO entities_fts (rowid, search_text) VALUES (@rowId, @searchText)",
            new { rowId, searchText }, scope.Transaction);
        foreach (var e in timeline)
        {
            await scope.Connection.ExecuteAsync("""
                INSERT INTO timeline_events (user_id, entity_id, entity_type, canonical_name, label, field, date)
                VALUES (@UserId, @EntityId, @EntityType, @CanonicalName, @Label, @Field, @Date)
                """, new { scope.UserId, e.EntityId, e.EntityType, e.CanonicalName, e.Label, e.Field, e.Date }, scope.Transaction);
        }
    }

    public async Task<Snapshot?> GetSnapshotAsync(string entityId, CancellationToken cancellationToken) =>
        (await scope.Connection.QuerySingleOrDefaultAsync<SnapshotRow>(
            $"SELECT {SnapshotColumns} FROM entities WHERE user_id = @UserId AND id = @entityId",
            new { scope.UserId, entityId }, scope.Transaction))?.ToSnapshot();

    private sealed class SnapshotRow
    {
        public string EntityId { get; set; } = "";
        public string EntityType { get; set; } = "";
        public string CanonicalName { get; set; } = "";
        public string FieldsJson { get; set; } = "{}";
        public string ProvenanceJson { get; set; } = "{}";
        public int ObservationCount { get; set; }
        public string UpdatedAt { get; set; } = "";
        public string? MergedInto { get; set; }

        public Snapshot ToSnapshot() => new(EntityId, EntityType, CanonicalName, StoredJson.ReadFields(FieldsJson),
            StoredJson.ReadMap(ProvenanceJson), ObservationCount, SqliteTime.Read(UpdatedAt), MergedInto);
    }
}
