namespace Strata.Core.Llm;

/// <summary>The sentences errors use to say what is configured and how to configure more.</summary>
internal static class LlmSetupText
{
    public static string Configured(LlmSetup setup) => setup.Providers.Count == 0
        ? "none is configured"
        : "configured: " + string.Join(", ", setup.Providers.Select(p => p.Name).Order(StringComparer.Ordinal));

    public const string HowTo =
        "Set a server default with STRATA_LLM__DEFAULTMODEL=provider/model and the provider with STRATA_LLM__PROVIDERS__<NAME>__BASEURL "
        + "(and __APIKEY, or your own key with `strata keys set <NAME>`), choose yours with `strata models default provider/model`, "
        + "or pass --model provider/model. See docs/llm.md. Rules-based ingest works without one.";
}
