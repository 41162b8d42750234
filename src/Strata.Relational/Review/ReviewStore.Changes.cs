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
        foreach (var block in change.Blocks)
        {
            await scope.Connection.ExecuteAsync(Sql.InsertBulkChangeBlock,
                new { scope.UserId, changeId = change.ChangeId, block.BlockIndex, block.ObservationId }, scope.Transaction);
        }
    }

    public async Task<BulkChange?> GetBulkChangeAsync(string changeId, CancellationToken cancellationToken)
    {
        var row = (await scope.Connection.QueryAsync<ChangeRow>(Sql.GetBulkChange, new { scope.UserId, changeId }, scope.Transaction)).FirstOrDefault();
        if (row is null) return null;
        var blocks = (await scope.Connection.QueryAsync<ChangeBlockRow>(Sql.ListBulkChangeBlocks, new { scope.UserId, changeId }, scope.Transaction))
            .Select(b => new BulkChangeBlock(b.BlockIndex, b.ObservationId)).ToList();
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
    }
}
