using System.Text.Json;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Parsing;
using Strata.Llm.Resilience;

namespace Strata.Llm.OpenAi;

/// <summary>OpenAI-compatible chat completions with a strict <c>json_schema</c> response format. The key is
/// optional: local servers (Ollama, llama.cpp) take none. The answer arrives as message text, so it goes
/// through <see cref="TolerantJson"/>: servers that ignore the response format and fence their JSON still work.</summary>
public sealed class OpenAiCompatibleLlmClient(ResilientSender sender, OpenAiOptions options, ApiKey? apiKey) : IModelClient
{
    public async Task<ExtractionResponse> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(ToWire(request), OpenAiJsonContext.Default.OpenAiRequest);
        var answer = await sender.SendAsync(() => JsonPost.To(Endpoint.Join(options.BaseUrl, "chat/completions"), body, apiKey), cancellationToken).ConfigureAwait(false);
        return Read(answer);
    }

    private static OpenAiRequest ToWire(ExtractionRequest request) => new(
        request.Model,
        [new OpenAiMessage("system", request.SystemPrompt), new OpenAiMessage("user", request.UserPrompt)],
        request.MaxTokens,
        new OpenAiResponseFormat("json_schema", new OpenAiJsonSchema(request.ToolName, true, request.InputSchema)),
        request.Temperature);

    private static ExtractionResponse Read(HttpAnswer answer)
    {
        var wire = WireJson.Deserialize(answer, OpenAiJsonContext.Default.OpenAiResponse);
        var choice = wire.Choices is { Count: > 0 } choices ? choices[0] : null;
        var cached = wire.Usage?.PromptTokensDetails?.CachedTokens ?? 0;
        var usage = wire.Usage is { } u
            ? new TokenUsage(Math.Max(0, u.PromptTokens - cached), u.CompletionTokens, cached, 0)
            : TokenUsage.Zero;
        var stop = choice?.FinishReason switch
        {
            "stop" or "tool_calls" => StopReason.Completed,
            "length" => StopReason.MaxTokens,
            _ => StopReason.Other,
        };
        var parse = stop == StopReason.MaxTokens
            ? TolerantParse.Failure("The answer stopped at the token limit (finish_reason length) and is incomplete.")
            : choice?.Message?.Content is { Length: > 0 } content
                ? TolerantJson.Parse(content)
                : TolerantParse.Failure(choice?.Message?.Refusal is { } refusal ? $"The model refused: {refusal}" : "The answer has no content.");
        return new ExtractionResponse(parse.Value, parse.Error, parse.Tolerance, stop, choice?.FinishReason, usage,
            answer.Body, answer.Latency, answer.Retries);
    }
}
