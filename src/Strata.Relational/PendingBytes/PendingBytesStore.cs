using Dapper;
using Strata.Core.Sources;

namespace Strata.Relational.PendingBytes;

/// <summary>Bytes the blob store refused, kept in the database for an upload job, on either database.</summary>
internal sealed class PendingBytesStore(StoreScope scope) : IPendingBytesStore
{
    private PendingBytesSql Sql => scope.Dialect.PendingBytes;

    public async Task<PendingTotals> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        if (Sql.TotalsLock is { } totalsLock) await scope.Connection.ExecuteAsync(totalsLock, transaction: scope.Transaction);
        var totals = await scope.Connection.QuerySingleAsync<(long User, long All)>(Sql.Totals, new { scope.UserId }, scope.Transaction);
        return new PendingTotals(totals.User, totals.All);
    }

    public Task WriteChunkAsync(string sourceId, int index, byte[] data, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.WriteChunk, new { scope.UserId, sourceId, index, size = data.Length, data }, scope.Transaction);

    public Task<byte[]?> ReadChunkAsync(string sourceId, int index, CancellationToken cancellationToken) =>
        scope.Connection.QuerySingleOrDefaultAsync<byte[]?>(Sql.ReadChunk, new { scope.UserId, sourceId, index }, scope.Transaction);

    public Task<int> DeleteAsync(string sourceId, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.Delete, new { scope.UserId, sourceId }, scope.Transaction);
}
