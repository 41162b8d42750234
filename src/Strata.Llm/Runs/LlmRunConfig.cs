using System.Globalization;
using System.Text.Json;
using Strata.Core.Llm;

namespace Strata.Llm.Runs;

/// <summary>
/// What an LLM run records in its config and reads back when a worker takes it: provider, model (and which link of the
/// chain chose it), temperature, max tokens, chunk and pack sizes, the prompt template with its hash, the system prompt
/// as sent with its hash, the answer schema, and the uids of the user's schemas in force. A worker sends exactly the
/// recorded prompt, so a run retried after a schema change still asks what it was queued to ask.
/// </summary>
public sealed record LlmRunConfig(
    string Provider,
    string Model,
    double Temperature,
    int MaxTokens,
    int ChunkTokens,
    string SystemPrompt,
    JsonElement ItemSchema)
{
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

    /// <exception cref="FormatException">The config is not an LLM run's.</exception>
    public static LlmRunConfig Read(string configJson)
    {
        using var document = JsonDocument.Parse(configJson);
        var root = document.RootElement;
        string Text(string key) => root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"The run's config has no {key}.");
        using var schema = JsonDocument.Parse(Text("item_schema"));
        return new LlmRunConfig(
            Text("provider"),
            Text("model"),
            double.Parse(Text("temperature"), CultureInfo.InvariantCulture),
            int.Parse(Text("max_tokens"), CultureInfo.InvariantCulture),
            int.Parse(Text("chunk_tokens"), CultureInfo.InvariantCulture),
            Text("system_prompt"),
            schema.RootElement.Clone());
    }
}
