

namespace Strata.Core.Operations;

/// <summary>A user's stored provider key as it is ever shown: the provider and the key's fingerprint (the first 8 hex
/// digits of its SHA-256), never the key.</summary>
public sealed record ProviderKeyView(string Provider, string Fingerprint, DateTimeOffset UpdatedAt);

public sealed record ProviderKeyList(IReadOnlyList<ProviderKeyView> Keys);

/// <summary><c>list_models</c>: the configured providers and which model a run would use now, and why.</summary>
/// <param name="DefaultModel">What an LLM run without a model would use for this user (null: none configured).</param>
/// <param name="ChosenBy"><c>user</c> or <c>server</c>: which default <see cref="DefaultModel"/> is.</param>
public sealed record ModelsView(
    string? DefaultModel,
    string? ChosenBy,
    string? UserDefaultModel,
    string? ServerDefaultModel,
    IReadOnlyList<ProviderView> Providers);

/// <param name="Key"><c>user</c> (your stored key is used), <c>server</c> (the server's key), or <c>none</c>.</param>
public sealed record ProviderView(
    string Name,
    string Kind,
    string BaseUrl,
    IReadOnlyList<string> Models,
    string Key,
    string? KeyFingerprint);

/// <summary>LLM calls in a billing month (in <see cref="UsageView"/>): tokens by kind and what they cost.</summary>
/// <param name="CostUsd">The cost of the calls whose model has a price.</param>
/// <param name="UnpricedCalls">Calls of a model with no configured price: their tokens count, their cost is unknown.</param>
/// <param name="BudgetUsd">The plan's monthly LLM budget; null for none.</param>
public sealed record LlmUsageView(
    long Calls,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    decimal CostUsd,
    long UnpricedCalls,
    decimal? BudgetUsd);
