using Strata.Core.Storage;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using Strata.Core;
using Strata.Core.Observations;
using Strata.Core.Operations;

namespace Strata.Sqlite.Storage;

internal sealed class SqliteObservationStore(SqliteScope scope) : IObservationStore
{
    private const string Columns = """
        id, user_id, entity_id, source_id, run_id, kind, locator, priority, state, fields_json, reason, observed_at, created_at
        """;

    private const string InsertSql = """
        INSERT INTO observations (id, user_id, entity_id, entity_row, original_entity_id, source_id, run_id, kind, locator, priority,
            state, fields_json, reason, observed_at, created_at)
        VALUES (@Id, @UserId, @EntityId, (SELECT rowid FROM entities WHERE id = @EntityId), @EntityId, @SourceId, @RunId, @Kind,
            @Locator, @Priority, @State, @fieldsJson, @Reason, @observedAt, @createdAt)
        ON CONFLICT (id) DO NOTHING
        """;

    private const string GetSql = $"SELECT {Columns} FROM observations WHERE user_id = @UserId AND id = @observationId";

    /// <summary>The observations of an entity are found by its rowid (migration 0004); the user filter stays.</summary>
    private const string OfEntity = "entity_row = (SELECT rowid FROM entities WHERE user_id = @UserId AND id = @entityId) AND user_id = @UserId";

    private const string ListForEntitySql =
        $"SELECT {Columns} FROM observations WHERE {OfEntity} AND (@asOf IS NULL OR created_at <= @asOf) ORDER BY seq";

    private const string InsertFragmentSql = """
        INSERT INTO raw_fragments (id, user_id, source_id, run_id, entity_id, field, value_json, reason, created_at)
        VALUES (@Id, @UserId, @SourceId, @RunId, @EntityId, @Field, @valueJson, @Reason, @createdAt)
        ON CONFLICT (id) DO NOTHING
        """;

    public Task<bool> InsertAsync(Observation observation, CancellationToken cancellationToken) =>
        Task.FromResult(scope.Statement(InsertSql)
            .Bind("@Id", observation.Id).Bind("@UserId", scope.UserId).Bind("@EntityId", observation.EntityId)
            .Bind("@SourceId", observation.SourceId).Bind("@RunId", observation.RunId).Bind("@Kind", observation.Kind)
            .Bind("@Locator", observation.Locator).Bind("@Priority", observation.Priority).Bind("@State", observation.State)
            .Bind("@fieldsJson", StoredJson.Write(observation.Fields)).Bind("@Reason", observation.Reason)
            .Bind("@observedAt", SqliteTime.Write(observation.ObservedAt)).Bind("@createdAt", SqliteTime.Write(observation.CreatedAt))
            .ExecuteNonQuery() == 1);

    public Task<Observation?> GetAsync(string observationId, CancellationToken cancellationToken)
    {
        using var reader = scope.Statement(GetSql).Bind("@UserId", scope.UserId).Bind("@observationId", observationId).ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadObservation(reader) : null);
    }

    public Task<IReadOnlyList<Observation>> ListForEntityAsync(string entityId, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var observations = new List<Observation>();
        using var reader = scope.Statement(ListForEntitySql)
            .Bind("@UserId", scope.UserId).Bind("@entityId", entityId).Bind("@asOf", SqliteTime.Write(asOf))
            .ExecuteReader();
        while (reader.Read())
        {
            observations.Add(ReadObservation(reader));
        }
        return Task.FromResult<IReadOnlyList<Observation>>(observations);
    }

    public async Task<(IReadOnlyList<Observation> Items, int Total)> ListForEntityPagedAsync(string entityId, Paging paging, CancellationToken cancellationToken)
    {
        var items = new List<Observation>(paging.Limit);
        await using (var reader = await scope.Connection.ExecuteReaderAsync(
            $"SELECT {Columns} FROM observations WHERE {OfEntity} ORDER BY seq LIMIT @Limit OFFSET @Offset",
            new { scope.UserId, entityId, paging.Limit, paging.Offset }, scope.Transaction))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadObservation(reader));
            }
        }
        var total = await scope.Connection.ExecuteScalarAsync<int>(
            $"SELECT COUNT(*) FROM observations WHERE {OfEntity}", new { scope.UserId, entityId }, scope.Transaction);
        return (items, total);
    }

    public Task<int> MoveAsync(string fromEntityId, string toEntityId, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(
            """
            UPDATE observations SET entity_id = @toEntityId, entity_row = (SELECT rowid FROM entities WHERE user_id = @UserId AND id = @toEntityId)
            WHERE entity_row = (SELECT rowid FROM entities WHERE user_id = @UserId AND id = @entityId) AND user_id = @UserId
            """,
            new { scope.UserId, entityId = fromEntityId, toEntityId }, scope.Transaction);

    public Task<bool> InsertRawFragmentAsync(RawFragment fragment, CancellationToken cancellationToken) =>
        Task.FromResult(scope.Statement(InsertFragmentSql)
            .Bind("@Id", fragment.Id).Bind("@UserId", scope.UserId).Bind("@SourceId", fragment.SourceId).Bind("@RunId", fragment.RunId)
            .Bind("@EntityId", fragment.EntityId).Bind("@Field", fragment.Field).Bind("@valueJson", fragment.Value.GetRawText())
            .Bind("@Reason", fragment.Reason).Bind("@createdAt", SqliteTime.Write(fragment.CreatedAt))
            .ExecuteNonQuery() == 1);

    public async Task<IReadOnlyList<RawFragment>> ListRawFragmentsAsync(string runId, CancellationToken cancellationToken)
    {
        var rows = await scope.Connection.QueryAsync<FragmentRow>("""
            SELECT id AS Id, user_id AS UserId, source_id AS SourceId, run_id AS RunId, entity_id AS EntityId, field AS Field,
                   value_json AS ValueJson, reason AS Reason, created_at AS CreatedAt
            FROM raw_fragments WHERE user_id = @UserId AND run_id = @runId ORDER BY rowid
            """, new { scope.UserId, runId }, scope.Transaction);
        return rows.Select(r => new RawFragment(r.Id, r.UserId, r.SourceId, r.RunId, r.EntityId, r.Field,
            JsonDocument.Parse(r.ValueJson).RootElement.Clone(), r.Reason, SqliteTime.Read(r.CreatedAt))).ToList();
    }

    public async Task<(IReadOnlyList<EntityRef> Items, int Total)> EntitiesOfRunAsync(string runId, int limit, CancellationToken cancellationToken)
    {
        // Each entity with the first observation the run gave it, in the order the run wrote them.
        var rows = await scope.Connection.QueryAsync<(string EntityId, string EntityType, string ObservationId)>("""
            SELECT o.original_entity_id, e.entity_type, o.id
            FROM observations o JOIN entities e ON e.id = o.original_entity_id
            WHERE o.user_id = @UserId AND o.run_id = @runId
              AND o.seq IN (SELECT MIN(seq) FROM observations WHERE user_id = @UserId AND run_id = @runId GROUP BY original_entity_id)
            ORDER BY o.seq
            LIMIT @limit
            """, new { scope.UserId, runId, limit }, scope.Transaction);
        var total = await scope.Connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(DISTINCT original_entity_id) FROM observations WHERE user_id = @UserId AND run_id = @runId",
            new { scope.UserId, runId }, scope.Transaction);
        return (rows.Select(r => new EntityRef(r.EntityId, r.EntityType, r.ObservationId)).ToList(), total);
    }

    /// <summary>A row of <see cref="Columns"/>, in their order.</summary>
    private static Observation ReadObservation(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2),
        reader.GetNullableString(3), reader.GetNullableString(4), reader.GetString(5), reader.GetString(6), reader.GetInt32(7),
        reader.GetString(8), StoredJson.ReadFields(reader.GetString(9)), reader.GetNullableString(10),
        SqliteTime.Read(reader.GetString(11)), SqliteTime.Read(reader.GetString(12)));

    private sealed class FragmentRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string? SourceId { get; set; }
        public string RunId { get; set; } = "";
        public string EntityId { get; set; } = "";
        public string Field { get; set; } = "";
        public string ValueJson { get; set; } = "null";
        public string Reason { get; set; } = "";
        public string CreatedAt { get; set; } = "";
    }
}
