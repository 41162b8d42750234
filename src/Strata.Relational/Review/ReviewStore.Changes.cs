using Dapper;
using Strata.Core.Review;

namespace Strata.Relational.Review;

internal sealed partial class ReviewStore
{
    public async Task InsertBulkChangeAsync(BulkChange change, CancellationToken cancellationToken)
    {
        await scope.Connection.ExecuteAsync(Sql.InsertBulkChange,
            new { scope.UserId, change.ChangeId, change.RunId, change.Action, blockCount = change.Blocks.Count, createdAt = scope.Time(change.CreatedAt) },
            scope.Transaction);
        await InsertChangeBlocksAsync(change.ChangeId, change.Blocks);
    }

    public async Task AddBulkChangeBlocksAsync(string changeId, IReadOnlyList<BulkChangeBlock> blocks, CancellationToken cancellationToken)
    {
        if (blocks.Count == 0) return;
        await scope.Connection.ExecuteAsync(Sql.AddBulkChangeBlockCount, new { scope.UserId, changeId, added = blocks.Count }, scope.Transaction);
        await InsertChangeBlocksAsync(changeId, blocks);
    }

    private async Task InsertChangeBlocksAsync(string changeId, IReadOnlyList<BulkChangeBlock> blocks)
    {
        foreach (var block in blocks)
        {
            await scope.Connection.ExecuteAsync(Sql.InsertBulkChangeBlock, new { scope.UserId, changeId, block.BlockIndex, block.ObservationId, block.PreviousValueJson }, scope.Transaction);
        }
    }

    public async Task<bool> HasOpenBlocksAsync(string runId, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteScalarAsync<int>(Sql.HasOpenBlocks, new { scope.UserId, runId }, scope.Transaction) == 1;

    public async Task<BulkChange?> GetBulkChangeAsync(string changeId, CancellationToken cancellationToken)
    {
        var row = (await scope.Connection.QueryAsync<ChangeRow>(Sql.GetBulkChange, new { scope.UserId, changeId }, scope.Transaction)).FirstOrDefault();
        if (row is null) return null;
        var blocks = (await scope.Connection.QueryAsync<ChangeBlockRow>(Sql.ListBulkChangeBlocks, new { scope.UserId, changeId }, scope.Transaction))
            .Select(b => new BulkChangeBlock(b.BlockIndex, b.ObservationId, b.PreviousValueJson)).ToList();
        return new BulkChange(row.ChangeId, row.RunId, row.Action, StoredTime.Read(row.CreatedAt), StoredTime.ReadNullable(row.UndoneAt), blocks);
    }

    public async Task<bool> MarkBulkChangeUndoneAsync(string changeId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.MarkBulkChangeUndone, new { scope.UserId, changeId, now = scope.Time(now) }, scope.Transaction) == 1;

    public async Task<bool> CompleteItemAsync(string runId, int blockIndex, DateTimeOffset now, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.CompleteItem, new { scope.UserId, runId, blockIndex, now = scope.Time(now) }, scope.Transaction) == 1;

    private sealed class ChangeRow
    {
        public string ChangeId { get; set; } = "";
        public string RunId { get; set; } = "";
        public string Action { get; set; } = "";
        public object CreatedAt { get; set; } = "";
        public object? UndoneAt { get; set; }
    }

    private sealed class ChangeBlockRow
    {
        public int BlockIndex { get; set; }
        public string? ObservationId { get; set; }
        public string? PreviousValueJson { get; set; }
    }
}
