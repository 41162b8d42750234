using System.Globalization;
using System.Text.Json;
using Strata.Core.Llm;
using Strata.Core.Llm.Calls;
using Strata.Core.Review;
using Strata.Core.Schemas;

namespace Strata.Core.Extraction;

/// <summary>
/// What a model-using run (an LLM run over a source, a block run over a document, a chat pass over a conversation)
/// records in its config and reads back when a worker takes it: provider, model (and which link of the chain chose it),
/// temperature, max tokens, the prompt with its hash and the answer schema. A worker sends exactly the recorded prompt, so
/// a run retried after a schema change still asks what it was queued to ask. One shape for every kind: a block run's
/// per-block limits become <see cref="MaxTokens"/> per call and <see cref="MaxItemsPerCall"/>.
/// </summary>
/// <param name="ChunkTokens">The input budget of one chunk for runs that cut a text; 0 for runs over blocks.</param>
/// <param name="MaxItemsPerCall">Items one call carries at most; 0 when the packing caps alone decide.</param>
public sealed record LlmRunConfig(
    string Provider,
    string Model,
    double Temperature,
    int MaxTokens,
    int ChunkTokens,
    string SystemPrompt,
    JsonElement ItemSchema,
    int MaxItemsPerCall = 0)
{
    /// <summary>The answer tokens one item may take: a block run's per-block limit.</summary>
    public int MaxTokensPerItem => MaxItemsPerCall > 0 ? MaxTokens / MaxItemsPerCall : MaxTokens;

    internal static IReadOnlyDictionary<string, string?> Describe(LlmRunConfig config, RunModel.Choice chosen, ExtractionPrompt prompt,
        IEnumerable<string> schemaUids, string mimeType, string? entityType) => new Dictionary<string, string?>
    {
        ["interpreter"] = LlmInterpreter.Name,
        ["provider"] = config.Provider,
        ["model"] = config.Model,
        ["model_chosen_by"] = chosen.Model.ChosenBy,
        // Whose key the calls use (user, server, none) and its fingerprint: never the key.
        ["key"] = chosen.KeySource,
        ["key_fingerprint"] = chosen.KeyFingerprint,
        ["temperature"] = config.Temperature.ToString(CultureInfo.InvariantCulture),
        ["max_tokens"] = config.MaxTokens.ToString(CultureInfo.InvariantCulture),
        ["chunk_tokens"] = config.ChunkTokens.ToString(CultureInfo.InvariantCulture),
        ["prompt_template"] = ExtractionPrompt.Template,
        ["prompt_template_hash"] = ExtractionPrompt.TemplateHash,
        ["system_prompt"] = prompt.SystemPrompt,
        ["system_prompt_hash"] = prompt.SystemPromptHash,
        ["item_schema"] = prompt.ItemSchema.GetRawText(),
        ["schema_uids"] = string.Join(",", schemaUids.Order(StringComparer.Ordinal)),
        ["mime_type"] = mimeType,
        ["entity_type"] = entityType,
    };

    /// <summary>A block run's config: its schema's per-block limits and prompt.</summary>
    public static IReadOnlyDictionary<string, string?> DescribeBlockRun(ModelPick choice, RegisteredSchema schema, double defaultTemperature)
    {
        var prompt = BlockPrompt.For(schema.Definition);
        var config = schema.Definition.Block!.PromptConfig;
        return new Dictionary<string, string?>
        {
            ["interpreter"] = BlockInterpreter.Name,
            ["provider"] = choice.Provider,
            ["model"] = choice.Model,
            ["model_chosen_by"] = choice.ChosenBy,
            ["temperature"] = (config.Temperature ?? defaultTemperature).ToString(CultureInfo.InvariantCulture),
            ["max_tokens_per_block"] = config.EffectiveMaxTokensPerBlock.ToString(CultureInfo.InvariantCulture),
            ["max_blocks_per_call"] = config.EffectiveMaxBlocksPerCall.ToString(CultureInfo.InvariantCulture),
            ["prompt_template_hash"] = Hashing.Sha256Hex.Of(BlockPrompt.Template),
            ["system_prompt"] = prompt.SystemPrompt,
            ["prompt_hash"] = prompt.Hash,
            ["item_schema"] = prompt.ItemSchema.GetRawText(),
        };
    }

    /// <exception cref="FormatException">The config is not an LLM run's.</exception>
    public static LlmRunConfig Read(string configJson) => Parse(configJson, (text, schema, number) => new LlmRunConfig(
        text("provider"), text("model"), number("temperature"), (int)number("max_tokens"), (int)number("chunk_tokens"), text("system_prompt"), schema));

    /// <exception cref="FormatException">The config is not a block run's.</exception>
    public static LlmRunConfig ReadBlockRun(string configJson) => Parse(configJson, (text, schema, number) =>
    {
        var perBlock = (int)number("max_tokens_per_block");
        var perCall = (int)number("max_blocks_per_call");
        return new LlmRunConfig(text("provider"), text("model"), number("temperature"), perBlock * perCall, 0, text("system_prompt"), schema, perCall);
    });

    private static LlmRunConfig Parse(string configJson, Func<Func<string, string>, JsonElement, Func<string, double>, LlmRunConfig> build)
    {
        using var document = JsonDocument.Parse(configJson);
        var root = document.RootElement;
        string Text(string key) => root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"The run's config has no {key}.");
        double Number(string key) => double.Parse(Text(key), CultureInfo.InvariantCulture);
        using var schema = JsonDocument.Parse(Text("item_schema"));
        return build(Text, schema.RootElement.Clone(), Number);
    }
}
