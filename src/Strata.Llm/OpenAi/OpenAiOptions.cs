namespace Strata.Llm.OpenAi;

/// <summary>Where to reach an OpenAI-compatible server. The base URL includes the version segment, as every
/// compatible server documents it: <c>https://api.openai.com/v1</c>, <c>http://localhost:11434/v1</c> (Ollama),
/// <c>http://localhost:8000/v1</c> (vLLM), <c>http://localhost:8080/v1</c> (llama.cpp), <c>http://localhost:1234/v1</c> (LM Studio).</summary>
public sealed record OpenAiOptions
{
    public const string DefaultBaseUrl = "https://api.openai.com/v1";

    public Uri BaseUrl { get; init; } = new(DefaultBaseUrl);
}
