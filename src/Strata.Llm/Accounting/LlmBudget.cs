using System.Globalization;
using Strata.Core.Errors;

namespace Strata.Llm.Accounting;

/// <summary>The monthly LLM budget check, made before any call: refused when what was spent this month plus the
/// cost reserved for the next call would pass the plan's limit. The integration reads the month's spend from the
/// database; this is the rule.</summary>
public static class LlmBudget
{
    /// <param name="monthlyLimit">The plan's limit in USD; null for no limit.</param>
    public static void EnsureWithin(decimal spentThisMonth, decimal? monthlyLimit, decimal reserved, string billingMonth)
    {
        if (monthlyLimit is not { } limit || spentThisMonth + reserved <= limit) return;
        throw new StrataException(LlmErrorCodes.BudgetExceeded, string.Create(CultureInfo.InvariantCulture,
            $"The monthly LLM budget of ${limit:0.00} for {billingMonth} is used up (${spentThisMonth:0.0000} spent, this call needs up to ${reserved:0.0000}). Raise the plan's budget or wait for next month; rules-based ingest keeps working."));
    }
}
