namespace Strata.Llm.Configuration;

/// <summary>The wire format a provider speaks.</summary>
public enum ProviderKind
{
    Anthropic,

    /// <summary>OpenAI chat completions, and every server compatible with it (Ollama, vLLM, llama.cpp, LM Studio).</summary>
    OpenAi,
}
