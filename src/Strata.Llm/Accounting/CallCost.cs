using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;

namespace Strata.Llm.Accounting;

/// <summary>What a call cost, in decimal dollars so sums over a month do not drift.</summary>
public static class CallCost
{
    private const decimal Million = 1_000_000m;

    public static decimal Of(TokenUsage usage, ModelPrice price) =>
        (usage.Input * price.Input + usage.Output * price.Output + usage.CacheRead * price.CacheRead + usage.CacheWrite * price.CacheWrite) / Million;

    /// <summary>Null when the model has no price: the tokens are still recorded, and the cost is shown as unknown rather than zero.</summary>
    public static decimal? Of(TokenUsage usage, string model, PriceTable prices) =>
        prices.Find(model) is { } price ? Of(usage, price) : null;
}
