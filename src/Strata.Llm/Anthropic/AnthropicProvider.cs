using Strata.Core.Errors;
using Strata.Llm.Configuration;

namespace Strata.Llm.Anthropic;

/// <summary>The Anthropic Messages API as a provider kind (registered in <see cref="ProviderKind.All"/>). It needs a key.</summary>
public static class AnthropicProvider
{
    public static readonly ProviderKind Kind = new("anthropic", [], AnthropicOptions.DefaultBaseUrl, (sender, provider, key) =>
        new AnthropicLlmClient(sender,
            new AnthropicOptions { BaseUrl = provider.BaseUrl, Version = provider.Version ?? AnthropicOptions.DefaultVersion },
            key ?? throw new StrataException(ErrorCodes.LlmNotConfigured,
                $"Provider '{provider.Name}' needs an API key: set yours with `strata keys set {provider.Name}`, or the server's with STRATA_LLM__PROVIDERS__{provider.Name.ToUpperInvariant()}__APIKEY.")));
}
