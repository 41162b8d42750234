using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Resilience;

namespace Strata.Llm.Configuration;

/// <summary>
/// A wire format a provider speaks, declared once in its own folder (<see cref="Anthropic.AnthropicProvider"/>,
/// <see cref="OpenAi.OpenAiProvider"/>) and registered once in <see cref="All"/>. Configuration reads a provider's
/// <c>Kind</c> and default base URL from it, the core's setup reports its name, and <see cref="LlmClientFactory"/> builds
/// its adapter with it: adding a provider is a new folder and one line in <see cref="All"/>, not a case in three switches.
/// </summary>
/// <param name="Name">What <c>Llm:Providers:{name}:Kind</c> says, and what the setup reports.</param>
/// <param name="Aliases">Other names <c>Kind</c> may use.</param>
/// <param name="DefaultBaseUrl">The base URL when <c>BaseUrl</c> is not set.</param>
/// <param name="Create">Builds the adapter over the shared resilient sender, with the key its calls use (the user's, else the
/// server's; null when neither is set: a provider that needs one throws <c>LLM_NOT_CONFIGURED</c>).</param>
public sealed record ProviderKind(string Name, IReadOnlyList<string> Aliases, string DefaultBaseUrl,
    Func<ResilientSender, ProviderOptions, ApiKey?, IModelClient> Create)
{
    public static ProviderKind Anthropic => Llm.Anthropic.AnthropicProvider.Kind;

    /// <summary>OpenAI chat completions, and every server compatible with it (Ollama, vLLM, llama.cpp, LM Studio); also the
    /// kind of a provider whose configuration names none.</summary>
    public static ProviderKind OpenAi => Llm.OpenAi.OpenAiProvider.Kind;

    /// <summary>The one registration of every provider kind.</summary>
    public static IReadOnlyList<ProviderKind> All { get; } = [Anthropic, OpenAi];

    public static ProviderKind? Find(string name) => All.FirstOrDefault(kind =>
        string.Equals(kind.Name, name, StringComparison.OrdinalIgnoreCase) || kind.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase));
}
