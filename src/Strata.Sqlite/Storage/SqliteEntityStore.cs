using Dapper;
using Strata.Core.Entities;
using Strata.Core.Snapshots;

namespace Strata.Sqlite.Storage;

/// <summary>Entities and merges; snapshots, search and the timeline are in the other parts of this class.</summary>
internal sealed partial class SqliteEntityStore(SqliteScope scope) : IEntityStore
{
    /// <summary>Entities this session inserted whose snapshot it has not saved yet, with the snapshot columns their row
    /// was inserted with (null when inserted without). They have no search or timeline rows (entities are never
    /// deleted, so their rowid and id are new): saving their first snapshot has nothing to delete, and nothing to
    /// update when the row already holds it.</summary>
    private readonly Dictionary<string, SnapshotColumnsWritten?> _insertedUnsaved = new(StringComparer.Ordinal);

    private const string GetSql = """
        SELECT id, user_id, entity_type, canonical_name, merged_into, merged_at, created_at
        FROM entities WHERE user_id = @UserId AND id = @entityId
        """;

    private const string InsertSql = """
        INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at)
        VALUES (@Id, @UserId, @EntityType, @CanonicalName, @createdAt, @createdAt)
        ON CONFLICT (id) DO NOTHING
        """;

    private const string InsertWithSnapshotSql = """
        INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, fields_json, provenance_json, observation_count,
            updated_at, search_text)
        VALUES (@Id, @UserId, @EntityType, @CanonicalName, @createdAt, @fieldsJson, @provenanceJson, @ObservationCount, @updatedAt, @searchText)
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>Driven by the list (CROSS JOIN fixes the order): each id is one primary-key probe. Left to itself, the
    /// planner walked every entity of the user by index and tested it against the list.</summary>
    private const string GetManySql = """
        SELECT e.id, e.user_id, e.entity_type, e.canonical_name, e.merged_into, e.merged_at, e.created_at
        FROM json_each(@entityIds) wanted CROSS JOIN entities e ON e.id = wanted.value
        WHERE e.user_id = @UserId
        """;

    public Task<Entity?> GetAsync(string entityId, CancellationToken cancellationToken)
    {
        using var reader = scope.Statement(GetSql).Bind("@UserId", scope.UserId).Bind("@entityId", entityId).ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadEntity(reader) : null);
    }

    public Task<IReadOnlyDictionary<string, Entity>> GetManyAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Entity>(StringComparer.Ordinal);
        if (entityIds.Count > 0)
        {
            var ids = JsonArrayOf(entityIds);
            using var reader = scope.Statement(GetManySql).Bind("@UserId", scope.UserId).Bind("@entityIds", ids).ExecuteReader();
            while (reader.Read())
            {
                var entity = ReadEntity(reader);
                found[entity.Id] = entity;
            }
        }
        return Task.FromResult<IReadOnlyDictionary<string, Entity>>(found);
    }

    private static string JsonArrayOf(IEnumerable<string> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values) writer.WriteStringValue(value);
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A row of <see cref="GetSql"/>'s columns, in their order.</summary>
    private static Entity ReadEntity(System.Data.Common.DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetNullableString(4),
            SqliteTime.ReadNullable(reader.GetNullableString(5)), SqliteTime.Read(reader.GetString(6)));

    public Task<bool> InsertAsync(Entity entity, CancellationToken cancellationToken)
    {
        var inserted = scope.Statement(InsertSql)
            .Bind("@Id", entity.Id).Bind("@UserId", scope.UserId).Bind("@EntityType", entity.EntityType)
            .Bind("@CanonicalName", entity.CanonicalName).Bind("@createdAt", SqliteTime.Write(entity.CreatedAt))
            .ExecuteNonQuery() == 1;
        if (inserted)
        {
            _insertedUnsaved[entity.Id] = null;
        }
        return Task.FromResult(inserted);
    }

    public Task<bool> InsertAsync(Entity entity, Snapshot firstSnapshot, string searchText, CancellationToken cancellationToken)
    {
        var written = SnapshotColumnsWritten.Of(firstSnapshot, searchText);
        var inserted = scope.Statement(InsertWithSnapshotSql)
            .Bind("@Id", entity.Id).Bind("@UserId", scope.UserId).Bind("@EntityType", entity.EntityType)
            .Bind("@CanonicalName", entity.CanonicalName).Bind("@createdAt", SqliteTime.Write(entity.CreatedAt))
            .Bind("@fieldsJson", written.FieldsJson).Bind("@provenanceJson", written.ProvenanceJson)
            .Bind("@ObservationCount", firstSnapshot.ObservationCount).Bind("@updatedAt", written.UpdatedAt).Bind("@searchText", searchText)
            .ExecuteNonQuery() == 1;
        if (!inserted)
        {
            return Task.FromResult(false);
        }
        // The connection's last inserted rowid: cheaper than RETURNING, which buffers its rows in a temporary table.
        _insertedUnsaved[entity.Id] = written with { RowId = SQLitePCL.raw.sqlite3_last_insert_rowid(scope.Connection.Handle) };
        return Task.FromResult(true);
    }

    /// <summary>SQLite has one writer at a time (BEGIN IMMEDIATE), so holding the write transaction is the lock.</summary>
    public Task LockAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task MarkMergedAsync(string fromEntityId, string toEntityId, DateTimeOffset mergedAt, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(
            "UPDATE entities SET merged_into = @toEntityId, merged_at = @mergedAt WHERE user_id = @UserId AND id = @fromEntityId",
            new { scope.UserId, fromEntityId, toEntityId, mergedAt = SqliteTime.Write(mergedAt) }, scope.Transaction);

    public Task InsertMergeAsync(MergeRecord merge, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync("""
            INSERT INTO merges (id, user_id, from_entity_id, to_entity_id, reason, observations_moved, merged_at)
            VALUES (@Id, @UserId, @FromEntityId, @ToEntityId, @Reason, @ObservationsMoved, @mergedAt)
            """,
            new { merge.Id, scope.UserId, merge.FromEntityId, merge.ToEntityId, merge.Reason, merge.ObservationsMoved,
                mergedAt = SqliteTime.Write(merge.MergedAt) }, scope.Transaction);

    public async Task<IReadOnlyList<MergeRecord>> ListMergesAsync(string entityId, CancellationToken cancellationToken)
    {
        var rows = await scope.Connection.QueryAsync<MergeRow>("""
            SELECT id AS Id, user_id AS UserId, from_entity_id AS FromEntityId, to_entity_id AS ToEntityId, reason AS Reason,
                   observations_moved AS ObservationsMoved, merged_at AS MergedAt
            FROM merges WHERE user_id = @UserId AND (to_entity_id = @entityId OR from_entity_id = @entityId) ORDER BY merged_at
            """, new { scope.UserId, entityId }, scope.Transaction);
        return rows.Select(r => new MergeRecord(r.Id, r.UserId, r.FromEntityId, r.ToEntityId, r.Reason, r.ObservationsMoved,
            SqliteTime.Read(r.MergedAt))).ToList();
    }

    private sealed class MergeRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string FromEntityId { get; set; } = "";
        public string ToEntityId { get; set; } = "";
        public string? Reason { get; set; }
        public int ObservationsMoved { get; set; }
        public string MergedAt { get; set; } = "";
    }
}
