using Strata.Core.Errors;

namespace Strata.Llm.Configuration;

/// <summary>The model priority chain: the request, then the schema's prompt config, then the user's default,
/// then the server's. The first one named wins; it must name a configured provider.</summary>
public static class ModelSelector
{
    public static ModelChoice Select(ModelRef? request, ModelRef? schema, ModelRef? user, LlmOptions options)
    {
        var (model, chosenBy) = request is not null ? (request, "request")
            : schema is not null ? (schema, "schema")
            : user is not null ? (user, "user")
            : options.DefaultModel is not null ? (options.DefaultModel, "server")
            : (null, "");
        if (model is null)
        {
            throw new StrataException(LlmErrorCodes.NotConfigured,
                "No language model is configured. Set a server default with STRATA_LLM__DEFAULTMODEL=provider/model and the provider with " +
                "STRATA_LLM__PROVIDERS__<NAME>__BASEURL (and __APIKEY), or pass --model provider/model. See docs/llm.md. " +
                "Rules-based ingest works without one.");
        }
        if (!options.Providers.TryGetValue(model.Provider, out var provider))
        {
            var known = options.Providers.Count == 0 ? "none is configured" : "configured: " + string.Join(", ", options.Providers.Keys.Order(StringComparer.Ordinal));
            throw new StrataException(LlmErrorCodes.NotConfigured,
                $"The {chosenBy} asks for model {model}, but provider '{model.Provider}' is not configured ({known}). Add it under STRATA_LLM__PROVIDERS__{model.Provider.ToUpperInvariant()}__BASEURL. See docs/llm.md.");
        }
        return new ModelChoice(model, provider, chosenBy);
    }
}
