using Strata.Core.Metrics;

namespace Strata.Core.Llm;

/// <summary>The <c>/metrics</c> families of model calls, counted by <see cref="LlmAccounting"/> as each call is recorded
/// (in the process that made it, like the other counters). <c>/metrics</c> needs no key, so the <c>model</c> label names only
/// models the server's configuration lists (<c>Llm:Providers:{name}:Models</c>, <c>Llm:DefaultModel</c>); a model a user
/// chose is counted as <c>other</c>: its name is that user's, and a label open to any name would grow without bound.</summary>
public sealed class LlmMetrics
{
    /// <summary>The label of models the configuration does not list.</summary>
    public const string OtherModel = "other";

    private readonly HashSet<string> _listedModels;

    public LlmMetrics(MetricsRegistry registry, LlmSetup setup)
    {
        _listedModels = new HashSet<string>(setup.Providers.SelectMany(p => p.Models.Select(m => $"{p.Name}/{m}")), StringComparer.OrdinalIgnoreCase);
        if (setup.DefaultModel is { } defaultModel) _listedModels.Add(defaultModel);
        Calls = registry.Counter(StrataMetrics.Prefix + "llm_calls_total", "Model calls by provider, model and outcome (ok, parse_failed, max_tokens, or a failure kind).", "provider", "model", "outcome");
        Tokens = registry.Counter(StrataMetrics.Prefix + "llm_tokens_total", "Tokens of model calls by provider, model and kind (input, output, cache_read, cache_write).", "provider", "model", "kind");
        CostUsd = registry.Counter(StrataMetrics.Prefix + "llm_cost_usd_total", "What model calls cost in US dollars, by provider and model (calls of a model with no price are not in it).", "provider", "model");
        Seconds = registry.Histogram(StrataMetrics.Prefix + "llm_call_duration_seconds", "How long model calls took, retries included.",
            [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]);
        Failures = registry.Counter(StrataMetrics.Prefix + "llm_failures_total", "Model calls that gave no usable answer, by kind.", "kind");
        BudgetRefusals = registry.Counter(StrataMetrics.Prefix + "llm_budget_refusals_total", "Model calls refused before they were made because the monthly LLM budget was used up.");
        foreach (var kind in FailureKinds) Failures.Add(0, kind);
        BudgetRefusals.Add(0);
    }

    /// <summary>Outcomes that are failures, each its own <c>kind</c> label.</summary>
    public static readonly IReadOnlyList<string> FailureKinds =
        ["parse_failed", "max_tokens", "missing_items", "auth", "rate_limited", "server", "timeout", "network", "rejected", "malformed_response"];

    public Counter Calls { get; }

    public Counter Tokens { get; }

    public Counter CostUsd { get; }

    public Histogram Seconds { get; }

    public Counter Failures { get; }

    public Counter BudgetRefusals { get; }

    public void Count(LlmCallUsage call)
    {
        call = call with { Model = ModelLabel(call.Provider, call.Model) };
        Calls.Inc(call.Provider, call.Model, call.Outcome);
        Tokens.Add(call.InputTokens, call.Provider, call.Model, "input");
        Tokens.Add(call.OutputTokens, call.Provider, call.Model, "output");
        Tokens.Add(call.CacheReadTokens, call.Provider, call.Model, "cache_read");
        Tokens.Add(call.CacheWriteTokens, call.Provider, call.Model, "cache_write");
        if (call.Cost is { } cost) CostUsd.Add((double)cost, call.Provider, call.Model);
        Seconds.Observe(call.Latency.TotalSeconds);
        if (call.Outcome != "ok") Failures.Inc(call.Outcome);
    }

    private string ModelLabel(string provider, string model) =>
        _listedModels.Contains($"{provider}/{model}") || _listedModels.Contains(model) ? model : OtherModel;
}
