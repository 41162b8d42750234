using Strata.Core.Operations;

namespace Strata.Server.Operations;

/// <summary>Models and provider keys: which model LLM runs use, and your own keys for the providers (stored
/// encrypted, never returned: only a fingerprint).</summary>
public static class LlmOperations
{
    private static readonly Parameter Provider = new("provider", ParameterType.String,
        "A configured provider's name (list_models lists them), e.g. anthropic, openai, ollama.", Required: true);

    public static readonly StrataOperation ListModels = new("list_models", "List models and providers",
        "The LLM providers this server is configured with (kind, base URL, models, and whose key a call would use: user, server or none), "
        + "the server's default model, yours, and which one an LLM run without a model would use. A run's model is chosen by priority: "
        + "the request, then the schema's prompt config, then your default, then the server's.",
        OperationTraits.Read,
        [],
        () => StrataJson.Wire.ModelsView,
        async (call, ct) => OperationResult.Of(await call.Services.Models.ListAsync(call.UserId, ct), StrataJson.Wire.ModelsView))
    {
        Route = HttpRoute.Get("/v1/models"),
    };

    public static readonly StrataOperation SetDefaultModel = new("set_default_model", "Set your default model",
        "Set the model your LLM runs use when the request and the schema name none (provider/model, e.g. anthropic/claude-sonnet-4-5; "
        + "the provider must be configured). Omit model to clear yours, so the server's default applies.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
        [new("model", ParameterType.String, "provider/model; absent to clear.")],
        () => StrataJson.Wire.ModelsView,
        async (call, ct) => OperationResult.Of(
            await call.Services.Models.SetDefaultAsync(call.UserId, call.Arguments.String("model"), ct),
            StrataJson.Wire.ModelsView))
    {
        Route = HttpRoute.Put("/v1/models/default"),
    };

    public static readonly StrataOperation SetProviderKey = new("set_provider_key", "Store your API key for a provider",
        "Store your own API key for a configured provider; your LLM runs then call it with your key instead of the server's. The key is "
        + "encrypted at rest and never returned or logged: the answer shows its fingerprint (first 8 hex digits of its SHA-256). "
        + "Setting it again replaces it.",
        new OperationTraits(ReadOnly: false, Destructive: false, Idempotent: true),
        [Provider, new("key", ParameterType.String, "The API key.", Required: true)],
        () => StrataJson.Wire.ProviderKeyView,
        async (call, ct) => OperationResult.Of(
            await call.Services.ProviderKeys.SetAsync(call.UserId, call.Arguments.RequiredString("provider"), call.Arguments.RequiredString("key"), ct),
            StrataJson.Wire.ProviderKeyView))
    {
        Route = HttpRoute.Put("/v1/keys/{provider}"),
    };

    public static readonly StrataOperation ListProviderKeys = new("list_provider_keys", "List your provider keys",
        "The providers you stored a key for, each with the key's fingerprint and when it was set. Keys themselves are never shown.",
        OperationTraits.Read,
        [],
        () => StrataJson.Wire.ProviderKeyList,
        async (call, ct) => OperationResult.Of(await call.Services.ProviderKeys.ListAsync(call.UserId, ct), StrataJson.Wire.ProviderKeyList))
    {
        Route = HttpRoute.Get("/v1/keys"),
    };

    public static readonly StrataOperation RemoveProviderKey = new("remove_provider_key", "Remove your provider key",
        "Delete your stored key for a provider (LLM_KEY_NOT_FOUND when you have none); the server's key, if any, applies again. "
        + "Answers with the removed key's fingerprint.",
        new OperationTraits(ReadOnly: false, Destructive: true, Idempotent: false),
        [Provider],
        () => StrataJson.Wire.ProviderKeyView,
        async (call, ct) => OperationResult.Of(
            await call.Services.ProviderKeys.RemoveAsync(call.UserId, call.Arguments.RequiredString("provider"), ct),
            StrataJson.Wire.ProviderKeyView))
    {
        Route = HttpRoute.Delete("/v1/keys/{provider}"),
    };
}
