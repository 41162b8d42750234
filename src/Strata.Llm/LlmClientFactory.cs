using Microsoft.Extensions.Logging;
using Strata.Llm.Anthropic;
using Strata.Llm.Calls;
using Strata.Llm.Configuration;
using Strata.Llm.OpenAi;
using Strata.Llm.Resilience;

namespace Strata.Llm;

/// <summary>Builds the adapter for a provider. The user's stored key wins over the provider's server-wide key;
/// Anthropic needs one of them, OpenAI-compatible servers may run without.</summary>
public sealed class LlmClientFactory(HttpClient http, LlmOptions options, TimeProvider time, ILoggerFactory loggers)
{
    public ILlmClient Create(ProviderOptions provider, ApiKey? userKey = null)
    {
        var sender = new ResilientSender(http, options.Retry, time, Random.Shared, loggers.CreateLogger<ResilientSender>());
        var key = userKey ?? provider.ApiKey;
        ILlmClient client = provider.Kind switch
        {
            ProviderKind.Anthropic => new AnthropicLlmClient(sender,
                new AnthropicOptions { BaseUrl = provider.BaseUrl, Version = provider.Version ?? AnthropicOptions.DefaultVersion },
                key ?? throw new Core.Errors.StrataException(LlmErrorCodes.NotConfigured,
                    $"Provider '{provider.Name}' needs an API key: set yours with `strata keys set {provider.Name}`, or the server's with STRATA_LLM__PROVIDERS__{provider.Name.ToUpperInvariant()}__APIKEY.")),
            _ => new OpenAiCompatibleLlmClient(sender, new OpenAiOptions { BaseUrl = provider.BaseUrl }, key),
        };
        return new TracedLlmClient(client, provider.Name, options.Prices);
    }
}
