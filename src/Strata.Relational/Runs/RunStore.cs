using Dapper;
using Strata.Core;
using Strata.Core.Runs;
using Strata.Relational.Keyset;

namespace Strata.Relational.Runs;

/// <summary>Runs of one user, on either database.</summary>
internal sealed class RunStore(StoreScope scope) : IRunStore
{
    private const string ListName = "runs";

    private RunSql Sql => scope.Dialect.Runs;

    public async Task<Run?> GetAsync(string runId, CancellationToken cancellationToken) =>
        (await scope.Connection.QuerySingleOrDefaultAsync<RunRow>(Sql.Get, new { scope.UserId, runId }, scope.Transaction))?.ToRun();

    public async Task<bool> InsertAsync(Run run, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Insert,
            new { run.Id, scope.UserId, run.SourceId, run.Interpreter, run.InterpreterVersion, run.ConfigJson, run.ConfigHash, run.Status,
                run.ItemsCount, run.ObservationsCreated, run.UnknownFieldsCount, run.Error, createdAt = scope.Time(run.CreatedAt),
                startedAt = scope.Time(run.StartedAt), completedAt = scope.Time(run.CompletedAt), heartbeatAt = scope.Time(run.HeartbeatAt) },
            scope.Transaction) == 1;

    public async Task<bool> StartAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Start, new { scope.UserId, runId, now = scope.Time(now) }, scope.Transaction) == 1;

    public async Task<bool> BeatAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Beat, new { scope.UserId, runId, now = scope.Time(now) }, scope.Transaction) == 1;

    public async Task<bool> FinishAsync(Run run, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Finish,
            new { run.Status, run.ItemsCount, run.ObservationsCreated, run.UnknownFieldsCount, run.ValuesTooLong, run.Error,
                completedAt = scope.Time(run.CompletedAt), heartbeatAt = scope.Time(run.CompletedAt ?? run.HeartbeatAt),
                scope.UserId, run.Id }, scope.Transaction) == 1;

    public async Task<bool> ProgressAsync(string runId, int expectedItems, RunProgress progress, DateTimeOffset now, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Progress,
            new { progress.Items, progress.ObservationsCreated, progress.UnknownFields, progress.ValuesTooLong, now = scope.Time(now),
                scope.UserId, runId, expectedItems }, scope.Transaction) == 1;

    /// <summary>Newest first, paged by cursor over (created_at, id).</summary>
    public async Task<Page<Run>> ListAsync(string? sourceId, Core.Paging paging, bool includeArchived, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { scope.UserId, sourceId, includeArchived, Limit = Pages.RowsToRead(paging), paging.Offset });
        var after = Pages.AfterTime(paging, ListName, scope, parameters, Sql.ListAfter);
        var rows = await scope.Connection.QueryAsync<RunRow>(
            $"SELECT {RunSql.Columns} FROM runs {Sql.ListFilter} {after} ORDER BY created_at DESC, id DESC LIMIT @Limit + 0 OFFSET @Offset",
            parameters, scope.Transaction);
        int? total = paging.IncludeTotal
            ? await scope.Connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM runs {Sql.ListFilter}",
                new { scope.UserId, sourceId, includeArchived }, scope.Transaction)
            : null;
        return Pages.Of(rows.Select(r => r.ToRun()).ToList(), paging,
            r => PageCursor.EncodeNumber(ListName, Pages.KeyOf(r.CreatedAt), r.Id), total);
    }

    /// <summary>One row as either database returns it; times are <see cref="object"/> (see <see cref="StoredTime"/>).</summary>
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
        public object CreatedAt { get; set; } = "";
        public object? StartedAt { get; set; }
        public object? CompletedAt { get; set; }
        public object? HeartbeatAt { get; set; }
        public object? ArchivedAt { get; set; }
        public int ValuesTooLong { get; set; }

        public Run ToRun() => new(Id, UserId, SourceId, Interpreter, InterpreterVersion, ConfigJson, ConfigHash, Status, ItemsCount,
            ObservationsCreated, UnknownFieldsCount, Error, StoredTime.Read(CreatedAt), StoredTime.ReadNullable(StartedAt),
            StoredTime.ReadNullable(CompletedAt), StoredTime.ReadNullable(HeartbeatAt), StoredTime.ReadNullable(ArchivedAt), ValuesTooLong);
    }
}
