using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;

namespace Strata.Llm.Accounting;

/// <summary>One call's accounting row: what the integration stores per call (and sums per item, run and
/// billing month). <see cref="Outcome"/> is <c>ok</c>, <c>parse_failed</c>, <c>max_tokens</c> or a failure kind.</summary>
public sealed record UsageRecord(
    string Provider,
    string Model,
    TokenUsage Usage,
    decimal? Cost,
    TimeSpan Latency,
    string Outcome,
    DateTimeOffset At)
{
    public string BillingMonth => Core.Usage.BillingMonth.Of(At);

    public static UsageRecord For(string provider, ExtractionResponse response, string model, PriceTable prices, DateTimeOffset at) => new(
        provider, model, response.Usage, CallCost.Of(response.Usage, model, prices), response.Latency,
        response.Parsed ? "ok" : response.StopReason == StopReason.MaxTokens ? "max_tokens" : "parse_failed", at);
}
