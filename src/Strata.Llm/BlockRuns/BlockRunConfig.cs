using System.Globalization;
using System.Text.Json;
using Strata.Core.Review;
using Strata.Core.Schemas;
using Strata.Llm.Configuration;

namespace Strata.Llm.BlockRuns;

/// <summary>What a block run records of its model and prompt, and reads back when a worker takes it: a worker sends
/// exactly the recorded prompt, so a run retried after a schema change still asks what it was queued to ask.</summary>
public sealed record BlockRunConfig(
    string Provider,
    string Model,
    double Temperature,
    int MaxTokensPerBlock,
    int MaxBlocksPerCall,
    string SystemPrompt,
    JsonElement ItemSchema)
{
    public int MaxTokensPerCall => MaxTokensPerBlock * MaxBlocksPerCall;

    public static IReadOnlyDictionary<string, string?> Describe(ModelChoice choice, RegisteredSchema schema, double defaultTemperature)
    {
        var prompt = BlockPrompt.For(schema.Definition);
        var config = schema.Definition.Block!.PromptConfig;
        return new Dictionary<string, string?>
        {
            ["interpreter"] = BlockInterpreter.Name,
            ["provider"] = choice.Provider.Name,
            ["model"] = choice.Model.Model,
            ["model_chosen_by"] = choice.ChosenBy,
            ["temperature"] = (config.Temperature ?? defaultTemperature).ToString(CultureInfo.InvariantCulture),
            ["max_tokens_per_block"] = config.EffectiveMaxTokensPerBlock.ToString(CultureInfo.InvariantCulture),
            ["max_blocks_per_call"] = config.EffectiveMaxBlocksPerCall.ToString(CultureInfo.InvariantCulture),
            ["prompt_template_hash"] = Core.Hashing.Sha256Hex.Of(BlockPrompt.Template),
            ["system_prompt"] = prompt.SystemPrompt,
            ["prompt_hash"] = prompt.Hash,
            ["item_schema"] = prompt.ItemSchema.GetRawText(),
        };
    }

    /// <exception cref="FormatException">The config is not a block run's.</exception>
    public static BlockRunConfig Read(string configJson)
    {
        using var document = JsonDocument.Parse(configJson);
        var root = document.RootElement;
        string Text(string key) => root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"The run's config has no {key}.");
        using var schema = JsonDocument.Parse(Text("item_schema"));
        return new BlockRunConfig(Text("provider"), Text("model"),
            double.Parse(Text("temperature"), CultureInfo.InvariantCulture),
            int.Parse(Text("max_tokens_per_block"), CultureInfo.InvariantCulture),
            int.Parse(Text("max_blocks_per_call"), CultureInfo.InvariantCulture),
            Text("system_prompt"), schema.RootElement.Clone());
    }
}
