namespace Strata.Llm.Accounting;

/// <summary>List prices (USD per million tokens) of common models, used when configuration names none. Prices
/// change: configuration (<c>Llm:Prices:{model}:Input</c> …) overrides these. Local models cost nothing by default
/// only if configured so; an unknown model has no price and its calls are recorded with tokens but no cost.</summary>
internal static class DefaultPrices
{
    public static readonly IReadOnlyDictionary<string, ModelPrice> ByModel = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase)
    {
        ["claude-opus-4"] = new(15m, 75m, 1.50m, 18.75m),
        ["claude-sonnet-4"] = new(3m, 15m, 0.30m, 3.75m),
        ["claude-3-7-sonnet"] = new(3m, 15m, 0.30m, 3.75m),
        ["claude-haiku-4-5"] = new(1m, 5m, 0.10m, 1.25m),
        ["claude-3-5-haiku"] = new(0.80m, 4m, 0.08m, 1m),
        ["gpt-4o"] = new(2.50m, 10m, 1.25m, 0m),
        ["gpt-4o-mini"] = new(0.15m, 0.60m, 0.075m, 0m),
        ["gpt-4.1"] = new(2m, 8m, 0.50m, 0m),
        ["gpt-4.1-mini"] = new(0.40m, 1.60m, 0.10m, 0m),
        ["gpt-4.1-nano"] = new(0.10m, 0.40m, 0.025m, 0m),
    };
}
