using Microsoft.Extensions.Logging;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Configuration;
using Strata.Llm.Resilience;

namespace Strata.Llm;

/// <summary>Builds the adapter for a provider, as its <see cref="ProviderKind"/> says, traced. The user's stored key wins over
/// the provider's server-wide key; Anthropic needs one of them, OpenAI-compatible servers may run without.</summary>
public sealed class LlmClientFactory(HttpClient http, LlmOptions options, TimeProvider time, ILoggerFactory loggers)
{
    public IModelClient Create(ProviderOptions provider, ApiKey? userKey = null)
    {
        var sender = new ResilientSender(http, options.Retry, time, Random.Shared, loggers.CreateLogger<ResilientSender>());
        var client = provider.Kind.Create(sender, provider, userKey ?? provider.ApiKey);
        return new TracedLlmClient(client, provider.Name, options.Prices);
    }
}
