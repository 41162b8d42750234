namespace Strata.Llm.Accounting;

/// <summary>A model's prices in US dollars per million tokens, by kind of token.</summary>
public sealed record ModelPrice(decimal Input, decimal Output, decimal CacheRead, decimal CacheWrite);
