namespace Strata.Core.Llm;

/// <summary>The interpreter name and version of LLM runs over sources (<see cref="Extraction.LlmRunService"/>), and what a
/// host with no model configured says when one is asked for.</summary>
public static class LlmInterpreter
{
    public const string Name = "llm";
    public const string Version = "1";

    public const string NotConfiguredMessage =
        "No language model is configured, so an LLM run cannot start. Set a server default with STRATA_LLM__DEFAULTMODEL=provider/model " +
        "and the provider with STRATA_LLM__PROVIDERS__<NAME>__BASEURL (and __APIKEY); see docs/llm.md. Rules-based ingest works without one.";
}
