using Strata.Core.Metrics;

namespace Strata.Core.Llm;

/// <summary>The <c>/metrics</c> families of model calls, counted by <see cref="LlmAccounting"/> as each call is recorded
/// (in the process that made it, like the other counters).</summary>
public sealed class LlmMetrics
{
    public LlmMetrics(MetricsRegistry registry)
    {
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
        Calls.Inc(call.Provider, call.Model, call.Outcome);
        Tokens.Add(call.InputTokens, call.Provider, call.Model, "input");
        Tokens.Add(call.OutputTokens, call.Provider, call.Model, "output");
        Tokens.Add(call.CacheReadTokens, call.Provider, call.Model, "cache_read");
        Tokens.Add(call.CacheWriteTokens, call.Provider, call.Model, "cache_write");
        if (call.Cost is { } cost) CostUsd.Add((double)cost, call.Provider, call.Model);
        Seconds.Observe(call.Latency.TotalSeconds);
        if (call.Outcome != "ok") Failures.Inc(call.Outcome);
    }
}
