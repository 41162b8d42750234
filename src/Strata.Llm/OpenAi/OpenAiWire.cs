using System.Text.Json;

namespace Strata.Llm.OpenAi;

// The subset of chat completions that OpenAI and the compatible local servers (Ollama, vLLM, llama.cpp,
// LM Studio) all accept and answer.

internal sealed record OpenAiRequest(
    string Model,
    IReadOnlyList<OpenAiMessage> Messages,
    int MaxTokens,
    OpenAiResponseFormat ResponseFormat,
    double? Temperature);

internal sealed record OpenAiMessage(string Role, string Content);

internal sealed record OpenAiResponseFormat(string Type, OpenAiJsonSchema JsonSchema);

internal sealed record OpenAiJsonSchema(string Name, bool Strict, JsonElement Schema);

internal sealed record OpenAiResponse(IReadOnlyList<OpenAiChoice>? Choices, OpenAiUsage? Usage);

internal sealed record OpenAiChoice(OpenAiAnswerMessage? Message, string? FinishReason);

internal sealed record OpenAiAnswerMessage(string? Content, string? Refusal);

internal sealed record OpenAiUsage(long PromptTokens, long CompletionTokens, OpenAiPromptDetails? PromptTokensDetails);

internal sealed record OpenAiPromptDetails(long? CachedTokens);
