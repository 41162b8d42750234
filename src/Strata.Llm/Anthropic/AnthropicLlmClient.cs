using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Parsing;
using Strata.Llm.Resilience;

namespace Strata.Llm.Anthropic;

/// <summary>Anthropic Messages with forced tool use: the answer structure is the tool's <c>input_schema</c> and
/// <c>tool_choice</c> names the tool, so the model must answer through it. The system prompt (the schema and
/// instructions, identical across a run's calls) carries <c>cache_control</c> so later calls read it from cache.</summary>
public sealed class AnthropicLlmClient(ResilientSender sender, AnthropicOptions options, ApiKey apiKey) : IModelClient
{
    public async Task<ExtractionResponse> ExtractAsync(ExtractionRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(ToWire(request), AnthropicJsonContext.Default.AnthropicRequest);
        var answer = await sender.SendAsync(() => Build(body), cancellationToken).ConfigureAwait(false);
        return Read(answer);
    }

    private HttpRequestMessage Build(string body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Endpoint.Join(options.BaseUrl, "v1/messages"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("x-api-key", apiKey.Reveal());
        message.Headers.Add("anthropic-version", options.Version);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return message;
    }

    private static AnthropicRequest ToWire(ExtractionRequest request) => new(
        request.Model,
        request.MaxTokens,
        [new AnthropicTextBlock("text", request.SystemPrompt, new AnthropicCacheControl("ephemeral"))],
        [new AnthropicMessage("user", request.UserPrompt)],
        [new AnthropicTool(request.ToolName, request.ToolDescription, request.InputSchema)],
        new AnthropicToolChoice("tool", request.ToolName),
        request.Temperature);

    private static ExtractionResponse Read(HttpAnswer answer)
    {
        var wire = WireJson.Deserialize(answer, AnthropicJsonContext.Default.AnthropicResponse);
        var usage = wire.Usage is { } u
            ? new TokenUsage(u.InputTokens, u.OutputTokens, u.CacheReadInputTokens ?? 0, u.CacheCreationInputTokens ?? 0)
            : TokenUsage.Zero;
        var stop = wire.StopReason switch
        {
            "tool_use" or "end_turn" or "stop_sequence" => StopReason.Completed,
            "max_tokens" => StopReason.MaxTokens,
            _ => StopReason.Other,
        };
        var parse = ParseContent(wire.Content ?? [], stop);
        return new ExtractionResponse(parse.Value, parse.Error, parse.Tolerance, stop, wire.StopReason, usage,
            answer.Body, answer.Latency, answer.Retries);
    }

    private static TolerantParse ParseContent(IReadOnlyList<AnthropicContentBlock> content, StopReason stop)
    {
        // A tool input cut at max_tokens may arrive as an empty or partial object: never trust it.
        if (stop == StopReason.MaxTokens) return TolerantParse.Failure("The answer stopped at max_tokens and is incomplete.");
        var tool = content.FirstOrDefault(b => b.Type == "tool_use");
        if (tool?.Input is { ValueKind: JsonValueKind.Object } input) return TolerantParse.Success(input, JsonTolerance.None);
        var text = string.Concat(content.Where(b => b.Type == "text").Select(b => b.Text));
        return text.Length == 0
            ? TolerantParse.Failure("The answer has neither a tool call nor text.")
            : TolerantJson.Parse(text);
    }
}
