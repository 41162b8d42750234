using Dapper;
using Strata.Core;
using Strata.Core.Runs;

namespace Strata.Postgres.Storage;

internal sealed class PostgresRunStore(PostgresScope scope) : IRunStore
{
    private const string Columns = """
        id AS Id, user_id AS UserId, source_id AS SourceId, interpreter AS Interpreter, interpreter_version AS InterpreterVersion,
        config_json AS ConfigJson, config_hash AS ConfigHash, status AS Status, items_count AS ItemsCount,
        observations_created AS ObservationsCreated, unknown_fields_count AS UnknownFieldsCount, error AS Error,
        created_at AS CreatedAt, started_at AS StartedAt, completed_at AS CompletedAt, heartbeat_at AS HeartbeatAt, archived_at AS ArchivedAt,
        values_too_long AS ValuesTooLong
        """;

    public async Task<Run?> GetAsync(string runId, CancellationToken cancellationToken) =>
        (await scope.Connection.QuerySingleOrDefaultAsync<RunRow>(
            $"SELECT {Columns} FROM runs WHERE user_id = @UserId AND id = @runId", new { scope.UserId, runId }, scope.Transaction))?.ToRun();

    public async Task<bool> InsertAsync(Run run, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync("""
            INSERT INTO runs (id, user_id, source_id, interpreter, interpreter_version, config_json, config_hash, status, items_count,
                observations_created, unknown_fields_count, error, created_at, started_at, completed_at, heartbeat_at)
            VALUES (@Id, @UserId, @SourceId, @Interpreter, @InterpreterVersion, @ConfigJson, @ConfigHash, @Status, @ItemsCount,
                @ObservationsCreated, @UnknownFieldsCount, @Error, @createdAt, @startedAt, @completedAt, @heartbeatAt)
            ON CONFLICT (id) DO NOTHING
            """,
            new { run.Id, scope.UserId, run.SourceId, run.Interpreter, run.InterpreterVersion, run.ConfigJson, run.ConfigHash, run.Status,
                run.ItemsCount, run.ObservationsCreated, run.UnknownFieldsCount, run.Error, createdAt = PgTime.Write(run.CreatedAt),
                startedAt = PgTime.Write(run.StartedAt), completedAt = PgTime.Write(run.CompletedAt), heartbeatAt = PgTime.Write(run.HeartbeatAt) },
            scope.Transaction) == 1;

    public async Task<bool> StartAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync("""
            UPDATE runs SET status = 'running', started_at = COALESCE(started_at, @now), heartbeat_at = @now
            WHERE user_id = @UserId AND id = @runId AND status IN ('pending', 'running')
            """, new { scope.UserId, runId, now = PgTime.Write(now) }, scope.Transaction) == 1;

    public async Task<bool> BeatAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(
            "UPDATE runs SET heartbeat_at = @now WHERE user_id = @UserId AND id = @runId AND status = 'running'",
            new { scope.UserId, runId, now = PgTime.Write(now) }, scope.Transaction) == 1;

    public async Task<bool> FinishAsync(Run run, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync("""
            UPDATE runs SET status = @Status, items_count = @ItemsCount, observations_created = @ObservationsCreated,
                unknown_fields_count = @UnknownFieldsCount, values_too_long = @ValuesTooLong, error = @Error, completed_at = @completedAt, heartbeat_at = @heartbeatAt
            WHERE user_id = @UserId AND id = @Id AND status IN ('pending', 'running')
            """,
            new { run.Status, run.ItemsCount, run.ObservationsCreated, run.UnknownFieldsCount, run.ValuesTooLong, run.Error,
                completedAt = PgTime.Write(run.CompletedAt), heartbeatAt = PgTime.Write(run.CompletedAt ?? run.HeartbeatAt),
                scope.UserId, run.Id }, scope.Transaction) == 1;

    public async Task<bool> ProgressAsync(string runId, int expectedItems, RunProgress progress, DateTimeOffset now, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync("""
            UPDATE runs SET items_count = @Items, observations_created = @ObservationsCreated, unknown_fields_count = @UnknownFields,
                values_too_long = @ValuesTooLong, heartbeat_at = @now
            WHERE user_id = @UserId AND id = @runId AND status = 'running' AND items_count = @expectedItems
            """,
            new { progress.Items, progress.ObservationsCreated, progress.UnknownFields, progress.ValuesTooLong, now = PgTime.Write(now),
                scope.UserId, runId, expectedItems }, scope.Transaction) == 1;

    public async Task<(IReadOnlyList<Run> Items, int Total)> ListAsync(string? sourceId, Paging paging, bool includeArchived, CancellationToken cancellationToken)
    {
        const string where = "WHERE user_id = @UserId AND (@sourceId::text IS NULL OR source_id = @sourceId) AND (@includeArchived OR archived_at IS NULL)";
        var rows = await scope.Connection.QueryAsync<RunRow>(
            $"SELECT {Columns} FROM runs {where} ORDER BY created_at DESC, id DESC LIMIT @Limit OFFSET @Offset",
            new { scope.UserId, sourceId, includeArchived, paging.Limit, paging.Offset }, scope.Transaction);
        var total = await scope.Connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM runs {where}",
            new { scope.UserId, sourceId, includeArchived }, scope.Transaction);
        return (rows.Select(r => r.ToRun()).ToList(), total);
    }

    private sealed class RunRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string SourceId { get; set; } = "";
        public string Interpreter { get; set; } = "";
        public string InterpreterVersion { get; set; } = "";
        public string ConfigJson { get; set; } = "{}";
        public string ConfigHash { get; set; } = "";
        public string Status { get; set; } = "";
        public int ItemsCount { get; set; }
        public int ObservationsCreated { get; set; }
        public int UnknownFieldsCount { get; set; }
        public string? Error { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime? StartedAt { get; set; }
        public DateTime? CompletedAt { get; set; }
        public DateTime? HeartbeatAt { get; set; }
        public DateTime? ArchivedAt { get; set; }
        public int ValuesTooLong { get; set; }

        public Run ToRun() => new(Id, UserId, SourceId, Interpreter, InterpreterVersion, ConfigJson, ConfigHash, Status, ItemsCount,
            ObservationsCreated, UnknownFieldsCount, Error, PgTime.Read(CreatedAt), PgTime.Read(StartedAt),
            PgTime.Read(CompletedAt), PgTime.Read(HeartbeatAt), PgTime.Read(ArchivedAt), ValuesTooLong);
    }
}
