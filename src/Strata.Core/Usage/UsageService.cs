using Strata.Core.Operations;
using Strata.Core.Storage;

namespace Strata.Core.Usage;

/// <summary><c>get_usage</c>: what the user has used of their plan, LLM calls (tokens and cost) in the billing month included.</summary>
public sealed class UsageService(IStrataStore store, PlanCatalog plans, TimeProvider clock)
{
    public async Task<UsageView> GetUsageAsync(string userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var month = BillingMonth.Of(now);
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var plan = await session.Usage.PlanAsync(cancellationToken);
        var counts = await session.Usage.GetAsync(month, cancellationToken);
        var limits = plans.For(plan);
        var llm = await session.LlmUsage.MonthAsync(month, cancellationToken);
        return new UsageView(userId, plan, month, counts.BytesStored, limits.StorageBytes, counts.Interpretations,
            limits.InterpretationsPerMonth, BillingMonth.ResetsAt(now),
            new LlmUsageView(llm.Calls, llm.InputTokens, llm.OutputTokens, llm.CacheReadTokens, llm.CacheWriteTokens, llm.CostUsd,
                llm.UnpricedCalls, limits.LlmBudgetPerMonth));
    }
}
