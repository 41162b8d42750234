using Dapper;
using Strata.Core;
using Strata.Core.Runs.Items;
using Strata.Relational.Keyset;

namespace Strata.Relational.RunItems;

/// <summary>Run items of one user, on either database.</summary>
internal sealed class RunItemStore(StoreScope scope) : IRunItemStore
{
    private RunItemSql Sql => scope.Dialect.RunItems;

    public async Task<int> InsertManyAsync(IReadOnlyList<RunItem> items, CancellationToken cancellationToken)
    {
        var inserted = 0;
        foreach (var item in items)
        {
            inserted += await scope.Connection.ExecuteAsync(Sql.Insert,
                new { scope.UserId, item.RunId, item.Index, item.Status, item.Start, item.Length, updatedAt = scope.Time(item.UpdatedAt) },
                scope.Transaction);
        }
        return inserted;
    }

    public async Task<IReadOnlyList<RunItem>> ClaimPendingAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<RunItemRow>(Sql.Claim, new { scope.UserId, runId, now = scope.Time(now) }, scope.Transaction))
            .Select(r => r.ToItem()).OrderBy(i => i.Index).ToList();

    public Task<int> ReleaseClaimedAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.Release, new { scope.UserId, runId, now = scope.Time(now) }, scope.Transaction);

    public async Task<bool> FinishAsync(RunItem item, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Finish,
            new { item.Status, item.InputTokens, item.OutputTokens, item.CacheReadTokens, item.CacheWriteTokens, item.CostNanos, item.Calls,
                item.Error, item.RawOutput, updatedAt = scope.Time(item.UpdatedAt), scope.UserId, item.RunId, item.Index },
            scope.Transaction) == 1;

    /// <summary>Index order from the cursor's item on (the primary key's order): a page reads only its own rows.</summary>
    public async Task<Page<RunItem>> ListAsync(string runId, string? status, Paging paging, CancellationToken cancellationToken)
    {
        var afterIndex = paging.Cursor is null ? -1 : RunItemPages.IndexOf(paging.Cursor);
        var rows = await scope.Connection.QueryAsync<RunItemRow>(
            $"SELECT {RunItemSql.Columns} FROM run_items {Sql.ListFilter} AND item_index > @afterIndex ORDER BY item_index LIMIT @Limit + 0 OFFSET @Offset",
            new { scope.UserId, runId, status, afterIndex, Limit = Pages.RowsToRead(paging), paging.Offset }, scope.Transaction);
        int? total = paging.IncludeTotal
            ? await scope.Connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM run_items {Sql.ListFilter}",
                new { scope.UserId, runId, status }, scope.Transaction)
            : null;
        return Pages.Of(rows.Select(r => r.ToItem()).ToList(), paging, i => RunItemPages.After(runId, i.Index), total);
    }

    public async Task<RunItem?> GetAsync(string runId, int index, CancellationToken cancellationToken) =>
        (await scope.Connection.QuerySingleOrDefaultAsync<RunItemRow>(
            $"SELECT {RunItemSql.Columns} FROM run_items WHERE user_id = @UserId AND run_id = @runId AND item_index = @index",
            new { scope.UserId, runId, index }, scope.Transaction))?.ToItem();

    public async Task<RunItemSummary> SummarizeAsync(string runId, CancellationToken cancellationToken)
    {
        var row = await scope.Connection.QuerySingleAsync<SummaryRow>(Sql.Summary, new { scope.UserId, runId }, scope.Transaction);
        return new RunItemSummary((int)row.Total, (int)row.Pending, (int)row.Claimed, (int)row.Completed, (int)row.Failed,
            row.InputTokens, row.OutputTokens, row.CacheReadTokens, row.CacheWriteTokens, row.CostNanos is null ? null : Convert.ToInt64(row.CostNanos, System.Globalization.CultureInfo.InvariantCulture),
            (int)row.CostUnknownItems);
    }

    private sealed class SummaryRow
    {
        public long Total { get; set; }
        public long Pending { get; set; }
        public long Claimed { get; set; }
        public long Completed { get; set; }
        public long Failed { get; set; }
        public long InputTokens { get; set; }
        public long OutputTokens { get; set; }
        public long CacheReadTokens { get; set; }
        public long CacheWriteTokens { get; set; }

        /// <summary>SUM of a BIGINT is numeric on PostgreSQL, an integer on SQLite.</summary>
        public object? CostNanos { get; set; }
        public long CostUnknownItems { get; set; }
    }

    private sealed class RunItemRow
    {
        public string RunId { get; set; } = "";
        public int ItemIndex { get; set; }
        public string Status { get; set; } = "";
        public int CharStart { get; set; }
        public int CharLength { get; set; }
        public long InputTokens { get; set; }
        public long OutputTokens { get; set; }
        public long CacheReadTokens { get; set; }
        public long CacheWriteTokens { get; set; }
        public long? CostNanos { get; set; }
        public int Attempts { get; set; }
        public int Calls { get; set; }
        public string? Error { get; set; }
        public string? RawOutput { get; set; }
        public object UpdatedAt { get; set; } = "";

        public RunItem ToItem() => new(RunId, ItemIndex, Status, CharStart, CharLength, InputTokens, OutputTokens, CacheReadTokens,
            CacheWriteTokens, CostNanos, Attempts, Calls, Error, RawOutput, StoredTime.Read(UpdatedAt));
    }
}
