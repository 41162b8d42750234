using Dapper;
using Strata.Core.Usage;

namespace Strata.Sqlite.Storage;

/// <summary>Usage counters. Each check-and-increment is one conditional UPDATE in the session's write transaction;
/// the statements every ingest runs are prepared once per connection.</summary>
internal sealed class SqliteUsageStore(SqliteScope scope) : IUsageStore
{
    private const string PlanSql = "SELECT plan FROM users WHERE id = @UserId";

    private const string EnsureStorageSql = "INSERT INTO usage_storage (user_id, bytes_stored) VALUES (@UserId, 0) ON CONFLICT (user_id) DO NOTHING";

    private const string AddBytesSql = """
        UPDATE usage_storage SET bytes_stored = bytes_stored + @bytes
        WHERE user_id = @UserId AND (@limit IS NULL OR bytes_stored + @bytes <= @limit)
        """;

    private const string EnsureMonthSql =
        "INSERT INTO usage_interpretations (user_id, month, interpretations) VALUES (@UserId, @month, 0) ON CONFLICT (user_id, month) DO NOTHING";

    private const string CountInterpretationSql = """
        UPDATE usage_interpretations SET interpretations = interpretations + 1
        WHERE user_id = @UserId AND month = @month AND (@limit IS NULL OR interpretations + 1 <= @limit)
        """;

    public Task<string> PlanAsync(CancellationToken cancellationToken) =>
        Task.FromResult(scope.Statement(PlanSql).Bind("@UserId", scope.UserId).ExecuteScalar() as string
            ?? throw new InvalidOperationException($"No user {scope.UserId}."));

    public Task<bool> TryAddBytesAsync(long bytes, long? limit, CancellationToken cancellationToken)
    {
        scope.Statement(EnsureStorageSql).Bind("@UserId", scope.UserId).ExecuteNonQuery();
        return Task.FromResult(scope.Statement(AddBytesSql)
            .Bind("@UserId", scope.UserId).Bind("@bytes", bytes).Bind("@limit", limit).ExecuteNonQuery() == 1);
    }

    public Task<bool> TryCountInterpretationAsync(string month, int? limit, CancellationToken cancellationToken)
    {
        scope.Statement(EnsureMonthSql).Bind("@UserId", scope.UserId).Bind("@month", month).ExecuteNonQuery();
        return Task.FromResult(scope.Statement(CountInterpretationSql)
            .Bind("@UserId", scope.UserId).Bind("@month", month).Bind("@limit", limit).ExecuteNonQuery() == 1);
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
