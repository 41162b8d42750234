using System.Text.Json;

namespace Strata.Core.Llm.Calls;

/// <summary>One extraction call. <paramref name="InputSchema"/> is the JSON Schema of the answer: the tool's
/// <c>input_schema</c> for Anthropic, the strict <c>json_schema</c> response format for OpenAI-compatible servers.</summary>
public sealed record ExtractionRequest(
    string Model,
    string SystemPrompt,
    string UserPrompt,
    string ToolName,
    JsonElement InputSchema,
    int MaxTokens)
{
    public string ToolDescription { get; init; } = "Record what the text says, in the given structure.";

    public double? Temperature { get; init; }
}
