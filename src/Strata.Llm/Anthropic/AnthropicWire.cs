using System.Text.Json;

namespace Strata.Llm.Anthropic;

// The subset of the Messages API that Strata sends and reads (https://docs.anthropic.com/en/api/messages).

internal sealed record AnthropicRequest(
    string Model,
    int MaxTokens,
    IReadOnlyList<AnthropicTextBlock> System,
    IReadOnlyList<AnthropicMessage> Messages,
    IReadOnlyList<AnthropicTool> Tools,
    AnthropicToolChoice ToolChoice,
    double? Temperature);

internal sealed record AnthropicTextBlock(string Type, string Text, AnthropicCacheControl? CacheControl);

internal sealed record AnthropicCacheControl(string Type);

internal sealed record AnthropicMessage(string Role, string Content);

internal sealed record AnthropicTool(string Name, string Description, JsonElement InputSchema);

internal sealed record AnthropicToolChoice(string Type, string Name);

internal sealed record AnthropicResponse(
    IReadOnlyList<AnthropicContentBlock>? Content,
    string? StopReason,
    AnthropicUsage? Usage);

internal sealed record AnthropicContentBlock(string Type, string? Text, string? Name, JsonElement? Input);

internal sealed record AnthropicUsage(
    long InputTokens,
    long OutputTokens,
    long? CacheCreationInputTokens,
    long? CacheReadInputTokens);
