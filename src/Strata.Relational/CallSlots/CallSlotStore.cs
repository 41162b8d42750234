using System.Data.Common;
using Dapper;
using Strata.Core.Llm;
using Strata.Relational.Work;

namespace Strata.Relational.CallSlots;

/// <summary>
/// The database-wide bound on concurrent model calls. Each call runs in a short transaction of its own as the store's own
/// role (the bound is across users, so it must see every user's slots), serialised against other takers by the dialect.
/// </summary>
internal sealed class CallSlotStore(OwnTransactionWork transactions) : ILlmCallSlots
{
    private SqlDialect Dialect => transactions.Dialect;

    private CallSlotSql Sql => Dialect.CallSlots;

    public Task<string?> TryAcquireAsync(string userId, string holder, LlmCallLimits limits, DateTimeOffset now, CancellationToken cancellationToken) =>
        transactions.WriteAsync(async (connection, tx) =>
        {
            if (Sql.Serialize.Length > 0) await connection.ExecuteAsync(Sql.Serialize, transaction: tx);
            var at = Dialect.Time(now);
            await connection.ExecuteAsync(Sql.DeleteExpired, new { now = at }, tx);
            var all = await connection.ExecuteScalarAsync<long>(Sql.CountAll, new { now = at }, tx);
            if (all >= limits.Global) return null;
            var mine = await connection.ExecuteScalarAsync<long>(Sql.CountUser, new { userId, now = at }, tx);
            if (mine >= limits.PerUser) return null;
            var id = "slot_" + Guid.CreateVersion7().ToString("N");
            await connection.ExecuteAsync(Sql.Insert, new { id, userId, holder, now = at, expiresAt = Dialect.Time(now + limits.Lease) }, tx);
            return (string?)id;
        }, cancellationToken);

    public Task ReleaseAsync(string slotId, CancellationToken cancellationToken) =>
        transactions.WriteAsync(async (connection, tx) => await connection.ExecuteAsync(Sql.Delete, new { slotId }, tx), cancellationToken);

    public Task<bool> RenewAsync(string slotId, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        transactions.WriteAsync(async (connection, tx) =>
            await connection.ExecuteAsync(Sql.Renew, new { slotId, expiresAt = Dialect.Time(expiresAt) }, tx) == 1, cancellationToken);

    public Task<int> CountHeldAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        transactions.WriteAsync(async (connection, tx) => (int)await connection.ExecuteScalarAsync<long>(Sql.CountAll, new { now = Dialect.Time(now) }, tx),
            cancellationToken);
}
