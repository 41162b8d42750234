using Strata.Llm.Configuration;

namespace Strata.Llm.OpenAi;

/// <summary>OpenAI-compatible chat completions as a provider kind (registered in <see cref="ProviderKind.All"/>): local
/// servers may run without a key.</summary>
public static class OpenAiProvider
{
    public static readonly ProviderKind Kind = new("openai", ["openai-compatible"], OpenAiOptions.DefaultBaseUrl, (sender, provider, key) =>
        new OpenAiCompatibleLlmClient(sender, new OpenAiOptions { BaseUrl = provider.BaseUrl }, key));
}
