using Dapper;
using Strata.Core.Llm;

namespace Strata.Relational.Llm;

/// <summary>One user's model calls, one row each, on either database. Costs are kept in billionths of a dollar:
/// whole numbers sum exactly on both databases, and no price has more decimals than that per call.</summary>
internal sealed class LlmUsageStore(StoreScope scope) : ILlmUsageStore
{
    private const decimal NanoPerDollar = 1_000_000_000m;

    private LlmUsageSql Sql => scope.Dialect.LlmUsage;

    public async Task InsertAsync(LlmCallUsage call, string billingMonth, DateTimeOffset at, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(Sql.Insert, new
        {
            id = "llm_" + Guid.CreateVersion7().ToString("N"),
            scope.UserId,
            call.RunId,
            itemIndexes = "[" + string.Join(",", call.ItemIndexes) + "]",
            call.Provider,
            call.Model,
            call.InputTokens,
            call.OutputTokens,
            call.CacheReadTokens,
            call.CacheWriteTokens,
            costNanoUsd = call.Cost is { } cost ? (long?)decimal.Round(cost * NanoPerDollar, MidpointRounding.AwayFromZero) : null,
            latencyMs = (long)call.Latency.TotalMilliseconds,
            call.Outcome,
            billingMonth,
            at = scope.Time(at),
        }, scope.Transaction);

    public async Task<LlmMonthUsage> MonthAsync(string billingMonth, CancellationToken cancellationToken)
    {
        var row = await scope.Connection.QuerySingleAsync<MonthRow>(Sql.Month, new { scope.UserId, billingMonth }, scope.Transaction);
        return new LlmMonthUsage(row.Calls, row.InputTokens, row.OutputTokens, row.CacheReadTokens, row.CacheWriteTokens,
            row.CostNanoUsd / NanoPerDollar, row.UnpricedCalls);
    }

    private sealed class MonthRow
    {
        public long Calls { get; set; }
        public long InputTokens { get; set; }
        public long OutputTokens { get; set; }
        public long CacheReadTokens { get; set; }
        public long CacheWriteTokens { get; set; }
        public long CostNanoUsd { get; set; }
        public long UnpricedCalls { get; set; }
    }
}
