using Dapper;
using Strata.Core.Sources;

namespace Strata.Sqlite.Storage;

/// <summary>Pending bytes in SQLite. A write session already holds the database's only write lock, so the totals it
/// reads cannot change under it.</summary>
internal sealed class SqlitePendingBytesStore(SqliteScope scope) : IPendingBytesStore
{
    public async Task<PendingTotals> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        var totals = await scope.Connection.QuerySingleAsync<(long User, long All)>("""
            SELECT COALESCE(SUM(CASE WHEN user_id = @UserId THEN size END), 0), COALESCE(SUM(size), 0) FROM pending_bytes
            """, new { scope.UserId }, scope.Transaction);
        return new PendingTotals(totals.User, totals.All);
    }

    public Task WriteChunkAsync(string sourceId, int index, byte[] data, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync("""
            INSERT INTO pending_bytes (user_id, source_id, chunk_index, size, data) VALUES (@UserId, @sourceId, @index, @size, @data)
            """, new { scope.UserId, sourceId, index, size = data.Length, data }, scope.Transaction);

    public Task<byte[]?> ReadChunkAsync(string sourceId, int index, CancellationToken cancellationToken) =>
        scope.Connection.QuerySingleOrDefaultAsync<byte[]?>(
            "SELECT data FROM pending_bytes WHERE user_id = @UserId AND source_id = @sourceId AND chunk_index = @index",
            new { scope.UserId, sourceId, index }, scope.Transaction);

    public Task<int> DeleteAsync(string sourceId, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync("DELETE FROM pending_bytes WHERE user_id = @UserId AND source_id = @sourceId",
            new { scope.UserId, sourceId }, scope.Transaction);
}
