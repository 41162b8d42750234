namespace Strata.Core.Llm;

/// <summary>The LLM configuration as the core services see it (the host reads it from <c>Llm:…</c> with
/// <c>Strata.Llm</c>): the providers, the models they offer, the server's default model, and the sealer of users' keys.</summary>
public sealed record LlmSetup
{
    public static readonly LlmSetup None = new();

    public IReadOnlyList<LlmProvider> Providers { get; init; } = [];

    /// <summary><c>Llm:DefaultModel</c>, <c>provider/model</c>; last in the priority chain.</summary>
    public string? DefaultModel { get; init; }

    /// <summary>Null when the host loaded no server key: users' keys can then be neither stored nor read.</summary>
    public IProviderKeySealer? Keys { get; init; }

    public LlmProvider? Provider(string name) => Providers.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <param name="Kind"><c>anthropic</c> or <c>openai</c> (any OpenAI-compatible server).</param>
/// <param name="Models">Models configured for the provider (<c>Llm:Providers:{name}:Models</c>); any other name may still be asked for.</param>
/// <param name="HasServerKey">Whether <c>Llm:Providers:{name}:ApiKey</c> is set (the key itself never leaves configuration).</param>
public sealed record LlmProvider(string Name, string Kind, string BaseUrl, IReadOnlyList<string> Models, bool HasServerKey);
