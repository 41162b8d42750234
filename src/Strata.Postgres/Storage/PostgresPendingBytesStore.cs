using Dapper;
using Strata.Core.Sources;

namespace Strata.Postgres.Storage;

/// <summary>Pending bytes in PostgreSQL, under row-level security like every user table. The totals are read under a
/// transaction-scoped advisory lock, so concurrent uploads check the cap one after another.</summary>
internal sealed class PostgresPendingBytesStore(PostgresScope scope) : IPendingBytesStore
{
    private const long CapLockKey = 0x5354524154410002; // "STRATA" + 2: writers of pending bytes

    public async Task<PendingTotals> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        await scope.Connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@CapLockKey)", new { CapLockKey }, scope.Transaction);
        var totals = await scope.Connection.QuerySingleAsync<(long User, long All)>("""
            SELECT (SELECT COALESCE(SUM(size), 0)::BIGINT FROM pending_bytes WHERE user_id = @UserId), strata_pending_bytes_total()
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
