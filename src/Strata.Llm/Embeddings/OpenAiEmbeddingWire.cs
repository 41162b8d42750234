using System.Text.Json.Serialization;

namespace Strata.Llm.Embeddings;

// The subset of POST /v1/embeddings that OpenAI and the compatible servers (Ollama, vLLM, llama.cpp) accept and answer.

internal sealed record OpenAiEmbeddingRequest(string Model, IReadOnlyList<string> Input, string EncodingFormat);

internal sealed record OpenAiEmbeddingResponse(IReadOnlyList<OpenAiEmbeddingItem>? Data);

internal sealed record OpenAiEmbeddingItem(int Index, float[]? Embedding);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OpenAiEmbeddingRequest))]
[JsonSerializable(typeof(OpenAiEmbeddingResponse))]
internal sealed partial class OpenAiEmbeddingJsonContext : JsonSerializerContext;
