using Dapper;
using Strata.Core.Usage;

namespace Strata.Sqlite.Storage;

/// <summary>Usage counters. Each check-and-increment is one conditional UPDATE in the session's write transaction.</summary>
internal sealed class SqliteUsageStore(SqliteScope scope) : IUsageStore
{
    public async Task<string> PlanAsync(CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteScalarAsync<string?>("SELECT plan FROM users WHERE id = @UserId", new { scope.UserId }, scope.Transaction)
        ?? throw new InvalidOperationException($"No user {scope.UserId}.");

    public async Task<bool> TryAddBytesAsync(long bytes, long? limit, CancellationToken cancellationToken)
    {
        await scope.Connection.ExecuteAsync(
            "INSERT INTO usage_storage (user_id, bytes_stored) VALUES (@UserId, 0) ON CONFLICT (user_id) DO NOTHING",
            new { scope.UserId }, scope.Transaction);
        return await scope.Connection.ExecuteAsync("""
            UPDATE usage_storage SET bytes_stored = bytes_stored + @bytes
            WHERE user_id = @UserId AND (@limit IS NULL OR bytes_stored + @bytes <= @limit)
            """, new { scope.UserId, bytes, limit }, scope.Transaction) == 1;
    }

    public async Task<bool> TryCountInterpretationAsync(string month, int? limit, CancellationToken cancellationToken)
    {
        await scope.Connection.ExecuteAsync(
            "INSERT INTO usage_interpretations (user_id, month, interpretations) VALUES (@UserId, @month, 0) ON CONFLICT (user_id, month) DO NOTHING",
            new { scope.UserId, month }, scope.Transaction);
        return await scope.Connection.ExecuteAsync("""
            UPDATE usage_interpretations SET interpretations = interpretations + 1
            WHERE user_id = @UserId AND month = @month AND (@limit IS NULL OR interpretations + 1 <= @limit)
            """, new { scope.UserId, month, limit }, scope.Transaction) == 1;
    }

    public async Task<UsageCounts> GetAsync(string month, CancellationToken cancellationToken)
    {
        var bytes = await scope.Connection.ExecuteScalarAsync<long?>(
            "SELECT bytes_stored FROM usage_storage WHERE user_id = @UserId", new { scope.UserId }, scope.Transaction);
        var interpretations = await scope.Connection.ExecuteScalarAsync<int?>(
            "SELECT interpretations FROM usage_interpretations WHERE user_id = @UserId AND month = @month", new { scope.UserId, month }, scope.Transaction);
        return new UsageCounts(bytes ?? 0, interpretations ?? 0);
    }
}
