using Strata.Core.Operations;

namespace Strata.Server.Operations;

/// <summary>Usage: what the caller has used of their plan.</summary>
public static class UsageOperations
{
    public static readonly StrataOperation GetUsage = new("get_usage", "Show usage and plan limits",
        "Your plan (free, pro or enterprise), bytes stored, interpretations this billing month (UTC calendar month), both limits "
        + "(null means unlimited) and when the interpretation count resets. Check it before a large ingest: an ingest over a limit is "
        + "refused with STORAGE_QUOTA_EXCEEDED or INTERPRETATION_QUOTA_EXCEEDED and stores nothing. Bytes already stored are not counted again. "
        + "Under llm: this month's model calls, their tokens by kind, their cost in USD (unpriced_calls: calls of a model with no configured "
        + "price, whose cost is unknown rather than zero) and the plan's monthly LLM budget (budget_usd; LLM_BUDGET_EXCEEDED once it is used up).",
        OperationTraits.Read,
        [],
        () => StrataJson.Wire.UsageView,
        async (call, ct) => OperationResult.Of(await call.Services.Usage.GetUsageAsync(call.UserId, ct), StrataJson.Wire.UsageView))
    {
        Route = HttpRoute.Get("/v1/usage"),
    };
}
