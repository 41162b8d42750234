using Strata.Core.Storage;
using System.Text.Json;
using Dapper;
using Strata.Core;
using Strata.Core.Observations;
using Strata.Core.Operations;

namespace Strata.Sqlite.Storage;

internal sealed class SqliteObservationStore(SqliteScope scope) : IObservationStore
{
    private const string Columns = """
        id AS Id, user_id AS UserId, entity_id AS EntityId, source_id AS SourceId, run_id AS RunId, kind AS Kind, locator AS Locator,
        priority AS Priority, state AS State, fields_json AS FieldsJson, reason AS Reason, observed_at AS ObservedAt, created_at AS CreatedAt
        """;

    public async Task<bool> InsertAsync(Observation observation, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync("""
            INSERT INTO observations (id, user_id, entity_id, original_entity_id, source_id, run_id, kind, locator, priority, state,
                fields_json, reason, observed_at, created_at)
            VALUES (@Id, @UserId, @EntityId, @EntityId, @SourceId, @RunId, @Kind, @Locator, @Priority, @State, @fieldsJson, @Reason,
                @observedAt, @createdAt)
            ON CONFLICT (id) DO NOTHING
            """,
            new { observation.Id, scope.UserId, observation.EntityId, observation.SourceId, observation.RunId, observation.Kind,
                observation.Locator, observation.Priority, observation.State, fieldsJson = StoredJson.Write(observation.Fields),
                observation.Reason, observedAt = SqliteTime.Write(observation.ObservedAt), createdAt = SqliteTime.Write(observation.CreatedAt) },
            scope.Transaction) == 1;

    public async Task<Observation?> GetAsync(string observationId, CancellationToken cancellationToken) =>
        (await scope.Connection.QuerySingleOrDefaultAsync<ObservationRow>(
            $"SELECT {Columns} FROM observations WHERE user_id = @UserId AND id = @observationId",
            new { scope.UserId, observationId }, scope.Transaction))?.ToObservation();

    public async Task<IReadOnlyList<Observation>> ListForEntityAsync(string entityId, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var rows = await scope.Connection.QueryAsync<ObservationRow>(
            $"SELECT {Columns} FROM observations WHERE user_id = @UserId AND entity_id = @entityId AND (@asOf IS NULL OR created_at <= @asOf) ORDER BY seq",
            new { scope.UserId, entityId, asOf = SqliteTime.Write(asOf) }, scope.Transaction);
        return rows.Select(r => r.ToObservation()).ToList();
    }

    public async Task<(IReadOnlyList<Observation> Items, int Total)> ListForEntityPagedAsync(string entityId, Paging paging, CancellationToken cancellationToken)
    {
        var rows = await scope.Connection.QueryAsync<ObservationRow>(
            $"SELECT {Columns} FROM observations WHERE user_id = @UserId AND entity_id = @entityId ORDER BY seq LIMIT @Limit OFFSET @Offset",
            new { scope.UserId, entityId, paging.Limit, paging.Offset }, scope.Transaction);
        var total = await scope.Connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM observations WHERE user_id = @UserId AND entity_id = @entityId", new { scope.UserId, entityId }, scope.Transaction);
        return (rows.Select(r => r.ToObservation()).ToList(), total);
    }

    public Task<int> MoveAsync(string fromEntityId, string toEntityId, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(
            "UPDATE observations SET entity_id = @toEntityId WHERE user_id = @UserId AND entity_id = @fromEntityId",
            new { scope.UserId, fromEntityId, toEntityId }, scope.Transaction);

    public async Task<bool> InsertRawFragmentAsync(RawFragment fragment, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync("""
            INSERT INTO raw_fragments (id, user_id, source_id, run_id, entity_id, field, value_json, reason, created_at)
            VALUES (@Id, @UserId, @SourceId, @RunId, @EntityId, @Field, @valueJson, @Reason, @createdAt)
            ON CONFLICT (id) DO NOTHING
            """,
            new { fragment.Id, scope.UserId, fragment.SourceId, fragment.RunId, fragment.EntityId, fragment.Field,
                valueJson = fragment.Value.GetRawText(), fragment.Reason, createdAt = SqliteTime.Write(fragment.CreatedAt) },
            scope.Transaction) == 1;

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

    private sealed class ObservationRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string EntityId { get; set; } = "";
        public string? SourceId { get; set; }
        public string? RunId { get; set; }
        public string Kind { get; set; } = "";
        public string Locator { get; set; } = "";
        public int Priority { get; set; }
        public string State { get; set; } = "";
        public string FieldsJson { get; set; } = "{}";
        public string? Reason { get; set; }
        public string ObservedAt { get; set; } = "";
        public string CreatedAt { get; set; } = "";

        public Observation ToObservation() => new(Id, UserId, EntityId, SourceId, RunId, Kind, Locator, Priority, State,
            StoredJson.ReadFields(FieldsJson), Reason, SqliteTime.Read(ObservedAt), SqliteTime.Read(CreatedAt));
    }

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
