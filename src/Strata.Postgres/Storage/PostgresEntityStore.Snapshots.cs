using Strata.Core.Storage;
using Dapper;
using Strata.Core.Snapshots;

namespace Strata.Postgres.Storage;

internal sealed partial class PostgresEntityStore
{
    private const string SnapshotColumns = """
        id AS EntityId, entity_type AS EntityType, canonical_name AS CanonicalName, fields_json::text AS FieldsJson,
        provenance_json::text AS ProvenanceJson, observation_count AS ObservationCount, updated_at AS UpdatedAt, merged_into AS MergedInto
        """;

    public async Task SaveSnapshotAsync(Snapshot snapshot, string searchText, IReadOnlyList<TimelineEvent> timeline, CancellationToken cancellationToken)
    {
        // A merged entity leaves search (empty text) and the timeline; its target answers for it.
        await scope.Connection.ExecuteAsync("""
            UPDATE entities SET fields_json = @fieldsJson::jsonb, provenance_json = @provenanceJson::jsonb, observation_count = @ObservationCount,
                updated_at = @updatedAt, search_text = @searchText
            WHERE user_id = @UserId AND id = @EntityId
            """,
            new { fieldsJson = StoredJson.Write(snapshot.Fields), provenanceJson = StoredJson.Write(snapshot.Provenance),
                snapshot.ObservationCount, updatedAt = PgTime.Write(snapshot.UpdatedAt),
                searchText = snapshot.MergedInto is null ? searchText : "", scope.UserId, snapshot.EntityId },
            scope.Transaction);
        await scope.Connection.ExecuteAsync("DELETE FROM timeline_events WHERE user_id = @UserId AND entity_id = @EntityId",
            new { scope.UserId, snapshot.EntityId }, scope.Transaction);
        if (snapshot.MergedInto is not null || timeline.Count == 0)
        {
            return;
        }
        await scope.Connection.ExecuteAsync("""
            INSERT INTO timeline_events (user_id, entity_id, entity_type, canonical_name, label, field, date)
            VALUES (@UserId, @EntityId, @EntityType, @CanonicalName, @Label, @Field, @Date)
            """, timeline.Select(e => new { scope.UserId, e.EntityId, e.EntityType, e.CanonicalName, e.Label, e.Field, e.Date }), scope.Transaction);
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
        public DateTime UpdatedAt { get; set; }
        public string? MergedInto { get; set; }

        public Snapshot ToSnapshot() => new(EntityId, EntityType, CanonicalName, StoredJson.ReadFields(FieldsJson),
            StoredJson.ReadMap(ProvenanceJson), ObservationCount, PgTime.Read(UpdatedAt), MergedInto);
    }
}
