using System.Diagnostics;
using Strata.Core.Llm.Calls;
using Strata.Core.Tracing;
using Strata.Llm.Accounting;

namespace Strata.Llm.Calls;

/// <summary>
/// One span per model call, retries included: the provider, the model, the tokens, the cost in dollars (when the model
/// has a price), the stop reason and the number of retries. Never the prompts, the answer or the key: a trace is read by
/// operators, not by the user whose text it is.
/// </summary>
public sealed class TracedLlmClient(IModelClient inner, string provider, PriceTable prices) : IModelClient
{
    public async Task<ExtractionResponse> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken)
    {
        using var span = StrataTracing.Source.StartActivity("llm " + request.Model, ActivityKind.Client);
        span?.SetTag("gen_ai.system", provider);
        span?.SetTag("gen_ai.request.model", request.Model);
        try
        {
            var response = await inner.ExtractAsync(request, cancellationToken).ConfigureAwait(false);
            if (span is not null)
            {
                span.SetTag("gen_ai.usage.input_tokens", response.Usage.Input);
                span.SetTag("gen_ai.usage.output_tokens", response.Usage.Output);
                span.SetTag("strata.llm.cache_read_tokens", response.Usage.CacheRead);
                span.SetTag("strata.llm.cache_write_tokens", response.Usage.CacheWrite);
                if (CallCost.Of(response.Usage, request.Model, prices) is { } cost) span.SetTag("strata.llm.cost_usd", (double)cost);
                span.SetTag("strata.llm.stop_reason", response.StopReason.ToString());
                span.SetTag("strata.llm.retries", response.Retries.Count);
                span.SetTag("strata.llm.parsed", response.Parsed);
            }
            return response;
        }
        catch (LlmCallException failure)
        {
            span?.SetStatus(ActivityStatusCode.Error, failure.Kind.ToString());
            throw;
        }
    }
}
