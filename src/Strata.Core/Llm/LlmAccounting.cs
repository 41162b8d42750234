using System.Globalization;
using Strata.Core.Errors;
using Strata.Core.Storage;
using Strata.Core.Usage;

namespace Strata.Core.Llm;

/// <summary>
/// Accounting of model calls: a row per call in the billing month it was made in (UTC), the
/// <c>/metrics</c> families, and the monthly budget of the user's plan (<c>Plans:{plan}:LlmBudgetPerMonth</c>, USD),
/// checked before each call from the recorded cost. Two workers may both pass the check just before the budget is
/// reached; each is one call, so the overshoot is bounded by the calls in flight, never a storm.
/// </summary>
public sealed class LlmAccounting(IStrataStore store, PlanCatalog plans, LlmMetrics metrics, TimeProvider clock) : ILlmUsageRecorder
{
    public async Task EnsureWithinBudgetAsync(string userId, decimal reserve, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var month = BillingMonth.Of(now);
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var plan = await session.Usage.PlanAsync(cancellationToken);
        if (plans.For(plan).LlmBudgetPerMonth is not { } budget) return;
        var spent = (await session.LlmUsage.MonthAsync(month, cancellationToken)).CostUsd;
        if (LlmBudget.Allows(spent, budget, reserve)) return;
        metrics.BudgetRefusals.Inc();
        var culture = CultureInfo.InvariantCulture;
        var needs = reserve > 0 ? string.Create(culture, $", and this call may cost up to ${reserve:0.0000}") : "";
        var used = string.Create(culture, $"The monthly LLM budget of the {plan} plan, ${budget:0.00}, is used up for {month} (${spent:0.0000} spent{needs}). ");
        var resets = string.Create(culture, $"It resets on {BillingMonth.ResetsAt(now):yyyy-MM-dd}; ");
        throw new StrataException(ErrorCodes.LlmBudgetExceeded, used + "No model was called. " + resets
            + $"raise Plans:{plan}:LlmBudgetPerMonth or move to a larger plan to continue sooner. Rules-based ingest keeps working.");
    }

    public async Task RecordAsync(LlmCallUsage usage, CancellationToken cancellationToken)
    {
        // The month the call was made in, as the caller's clock (the same injected one) said.
        var at = usage.At == default ? clock.GetUtcNow() : usage.At;
        await using (var session = await store.OpenWriteAsync(usage.UserId, cancellationToken))
        {
            await session.LlmUsage.InsertAsync(usage, BillingMonth.Of(at), at, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }
        metrics.Count(usage);
    }
}
