using System.Text.Json;

namespace Strata.Core.Extraction.Packing;

/// <summary>The fixed part of a run's calls: model, instructions (the cached system prompt), and the schema of one item's result.</summary>
public sealed record PackPrompt(string Model, string SystemPrompt, string ToolName, JsonElement ItemSchema, int MaxTokens)
{
    public double? Temperature { get; init; }
}
