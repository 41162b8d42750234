using Dapper;
using Strata.Core;
using Strata.Core.Review;
using Strata.Core.Storage;
using Strata.Relational.Keyset;

namespace Strata.Relational.Review;

/// <summary>Block runs and their values of one user, on either database.</summary>
internal sealed partial class ReviewStore(StoreScope scope) : IReviewStore
{
    private const string RunListName = "block_runs";

    private ReviewSql Sql => scope.Dialect.Review;

    public Task InsertRunAsync(BlockRun run, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.InsertRun,
            new { scope.UserId, run.RunId, run.DocumentId, run.ProjectId, run.SchemaRef, run.SchemaVersion, run.SchemaUid,
                createdAt = scope.Time(run.CreatedAt) }, scope.Transaction);

    public Task LockRunAsync(string runId, CancellationToken cancellationToken) =>
        Sql.LockRun is null ? Task.CompletedTask : scope.Connection.ExecuteAsync(Sql.LockRun, new { scope.UserId, runId }, scope.Transaction);

    public async Task<BlockRun?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<RunRow>(Sql.GetRun, new { scope.UserId, runId }, scope.Transaction)).FirstOrDefault()?.ToRun();

    public async Task<IReadOnlyList<BlockRun>> ListRunsAsync(string? documentId, string? projectId, string? schemaRef, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<RunRow>(Sql.ListRuns, new { scope.UserId, documentId, projectId, schemaRef }, scope.Transaction))
            .Select(r => r.ToRun()).ToList();

    public async Task<Page<BlockRun>> ListRunsPageAsync(string? documentId, string? projectId, Paging paging, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { scope.UserId, documentId, projectId, Limit = Pages.RowsToRead(paging), paging.Offset });
        var after = Pages.AfterTime(paging, RunListName, scope, parameters, Sql.ListRunsAfter);
        var rows = (await scope.Connection.QueryAsync<RunRow>($"SELECT {ReviewSql.RunColumns} FROM block_runs {Sql.ListRunsFilter} {after} {Sql.ListRunsOrder}",
            parameters, scope.Transaction)).Select(r => r.ToRun()).ToList();
        int? total = paging.IncludeTotal
            ? await scope.Connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM block_runs {Sql.ListRunsFilter}", new { scope.UserId, documentId, projectId }, scope.Transaction)
            : null;
        return Pages.Of(rows, paging, r => PageCursor.EncodeNumber(RunListName, Pages.KeyOf(r.CreatedAt), r.RunId), total);
    }

    public async Task<Page<BlockRun>> ListDocumentsRunsPageAsync(IReadOnlyList<string> documentIds, int? perDocument, Paging paging,
        CancellationToken cancellationToken)
    {
        var ids = documentIds.ToArray();
        var parameters = new DynamicParameters(new { scope.UserId, documentIds = ids, perDocument, Limit = Pages.RowsToRead(paging), paging.Offset });
        var from = perDocument is null
            ? $"FROM block_runs WHERE user_id = @UserId AND {Sql.DocumentIn}"
            : $"FROM ({Sql.NumberedDocumentRuns}) numbered WHERE place <= @perDocument";
        var after = Pages.AfterTime(paging, RunListName, scope, parameters, Sql.ListRunsAfter);
        var rows = (await scope.Connection.QueryAsync<RunRow>($"SELECT {ReviewSql.RunColumns} {from} {after} {Sql.ListRunsOrder}", parameters,
            scope.Transaction)).Select(r => r.ToRun()).ToList();
        int? total = paging.IncludeTotal
            ? await scope.Connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) {from}", new { scope.UserId, documentIds = ids, perDocument }, scope.Transaction)
            : null;
        return Pages.Of(rows, paging, r => PageCursor.EncodeNumber(RunListName, Pages.KeyOf(r.CreatedAt), r.RunId), total);
    }

    public async Task<ReviewCounts> CountAsync(ReviewScope over, string id, CancellationToken cancellationToken)
    {
        var sql = over switch
        {
            ReviewScope.Run => Sql.CountRun,
            ReviewScope.Document => Sql.CountDocument,
            _ => Sql.CountProject,
        };
        var row = await scope.Connection.QuerySingleAsync<CountRow>(sql, new { scope.UserId, id }, scope.Transaction);
        return row.ToCounts();
    }

    public async Task<IReadOnlyList<(string DocumentId, int Runs, ReviewCounts Counts)>> CountByDocumentAsync(string projectId, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<CountRow>(Sql.CountByDocument, new { scope.UserId, id = projectId }, scope.Transaction))
            .Select(r => (r.DocumentId, (int)r.Runs, r.ToCounts())).ToList();

    public async Task<bool> StageAsync(BlockValue value, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Stage,
            new { scope.UserId, value.RunId, value.BlockIndex, value.BlockUid, value.DocumentId, value.ProjectId, value.SchemaRef,
                value.ValueJson, value.ModelValueJson, edited = value.Edited, updatedAt = scope.Time(value.UpdatedAt) },
            scope.Transaction) == 1;

    public async Task<BlockValue?> GetValueAsync(string runId, int blockIndex, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<ValueRow>(Sql.GetValue, new { scope.UserId, runId, blockIndex }, scope.Transaction))
            .FirstOrDefault()?.ToValue();

    public async Task<bool> UpdateValueAsync(BlockValue value, string expectedState, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.UpdateValue,
            new { value.State, value.ValueJson, edited = value.Edited, value.EditedBy, editedAt = scope.Time(value.EditedAt),
                value.ConfirmedBy, confirmedAt = scope.Time(value.ConfirmedAt), value.ObservationId, value.EntityId,
                updatedAt = scope.Time(value.UpdatedAt), scope.UserId, value.RunId, value.BlockIndex, expectedState },
            scope.Transaction) == 1;

    public async Task<IReadOnlyList<BlockValue>> ListValuesAsync(string runId, string? state, int afterIndex, int limit, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<ValueRow>(Sql.ListValues, new { scope.UserId, runId, state, afterIndex, limit }, scope.Transaction))
            .Select(r => r.ToValue()).ToList();

    public async Task<bool> ReopenRunAsync(string runId, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.ReopenRun, new { scope.UserId, runId }, scope.Transaction) == 1;

    public async Task<IReadOnlyList<int>> ClaimItemsAsync(string runId, int limit, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken cancellationToken)
    {
        var parameters = new { scope.UserId, runId, limit, now = scope.Time(now), staleBefore = scope.Time(staleBefore) };
        var claimed = (await scope.Connection.QueryAsync<int>(Sql.ClaimItems, parameters, scope.Transaction)).ToList();
        if (claimed.Count == 0) claimed = (await scope.Connection.QueryAsync<int>(Sql.ReclaimItems, parameters, scope.Transaction)).ToList();
        return claimed.Order().ToList();
    }

    public Task<int> ReopenItemsAsync(string runId, string fromStatus, int? blockIndex, DateTimeOffset now, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.ReopenItems, new { scope.UserId, runId, fromStatus, blockIndex, now = scope.Time(now) }, scope.Transaction);

    public async Task<RemovedBlockRun> DeleteRunAsync(string runId, CancellationToken cancellationToken)
    {
        var parameters = new { scope.UserId, runId };
        await scope.Connection.ExecuteAsync(Sql.DeleteBulkChangeBlocks, parameters, scope.Transaction);
        await scope.Connection.ExecuteAsync(Sql.DeleteBulkChanges, parameters, scope.Transaction);
        var values = await scope.Connection.ExecuteAsync(Sql.DeleteValues, parameters, scope.Transaction);
        var items = await scope.Connection.ExecuteAsync(Sql.DeleteItems, parameters, scope.Transaction);
        await scope.Connection.ExecuteAsync(Sql.DeleteEvidence, parameters, scope.Transaction);
        await scope.Connection.ExecuteAsync(Sql.DeleteFragments, parameters, scope.Transaction);
        // The entities are read from the rows deleted, not before: an observation committed meanwhile is counted too.
        var observations = 0;
        var entities = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = await scope.Connection.ExecuteReaderAsync(scope.Dialect.Observations.DeleteOfRun, parameters, scope.Transaction))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                observations++;
                entities.Add(reader.GetString(0));
                entities.Add(reader.GetString(1));
            }
        }
        await scope.Connection.ExecuteAsync(Sql.DeleteBlockRun, parameters, scope.Transaction);
        await scope.Connection.ExecuteAsync(scope.Dialect.Relations.KeepSourcesOfRun, parameters, scope.Transaction);
        await scope.Connection.ExecuteAsync(Sql.DeleteRun, parameters, scope.Transaction);
        return new RemovedBlockRun(items, values, observations, entities);
    }
}
