using Dapper;
using Strata.Core.Usage;

namespace Strata.Relational.Usage;

/// <summary>Usage counters of one user. Each check-and-increment is one conditional UPDATE in the session's write
/// transaction, so two sessions never both pass a limit only one fits under.</summary>
internal sealed class UsageStore(StoreScope scope) : IUsageStore
{
    private UsageSql Sql => scope.Dialect.Usage;

    public async Task<string> PlanAsync(CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteScalarAsync<string?>(Sql.Plan, new { scope.UserId }, scope.Transaction)
        ?? throw new InvalidOperationException($"No user {scope.UserId}.");

    public async Task<bool> TryAddBytesAsync(long bytes, long? limit, CancellationToken cancellationToken)
    {
        await scope.Connection.ExecuteAsync(Sql.EnsureStorage, new { scope.UserId }, scope.Transaction);
        return await scope.Connection.ExecuteAsync(Sql.AddBytes, new { scope.UserId, bytes, limit }, scope.Transaction) == 1;
    }

    public async Task<bool> TryCountInterpretationAsync(string month, int? limit, CancellationToken cancellationToken)
    {
        await scope.Connection.ExecuteAsync(Sql.EnsureMonth, new { scope.UserId, month }, scope.Transaction);
        return await scope.Connection.ExecuteAsync(Sql.CountInterpretation, new { scope.UserId, month, limit }, scope.Transaction) == 1;
    }

    public async Task<UsageCounts> GetAsync(string month, CancellationToken cancellationToken)
    {
        var bytes = await scope.Connection.ExecuteScalarAsync<long?>(Sql.BytesStored, new { scope.UserId }, scope.Transaction);
        var interpretations = await scope.Connection.ExecuteScalarAsync<int?>(Sql.Interpretations, new { scope.UserId, month }, scope.Transaction);
        return new UsageCounts(bytes ?? 0, interpretations ?? 0);
    }
}
