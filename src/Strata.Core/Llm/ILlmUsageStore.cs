namespace Strata.Core.Llm;

/// <summary>The queries of <see cref="ILlmUsageStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface ILlmUsageReader
{
    /// <summary>The month's calls summed; zeros when there were none.</summary>
    Task<LlmMonthUsage> MonthAsync(string billingMonth, CancellationToken cancellationToken);
}

/// <summary>The session user's model calls, one row each, in the billing month they were recorded in.</summary>
public interface ILlmUsageStore : ILlmUsageReader
{
    Task InsertAsync(LlmCallUsage call, string billingMonth, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>A billing month's model calls: tokens by kind and the cost of the calls whose model has a price
/// (<see cref="UnpricedCalls"/> says how many had none, so their cost is unknown rather than zero).</summary>
public sealed record LlmMonthUsage(long Calls, long InputTokens, long OutputTokens, long CacheReadTokens, long CacheWriteTokens, decimal CostUsd, long UnpricedCalls)
{
    public static readonly LlmMonthUsage None = new(0, 0, 0, 0, 0, 0m, 0);
}
