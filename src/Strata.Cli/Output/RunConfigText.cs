using System.Text.Json;

namespace Strata.Cli.Output;

/// <summary>A run's config for a person: an LLM or agent run's model and how it was chosen (its config also holds the whole
/// system prompt and answer schema, which <c>--json</c> shows), any other run's config as it is.</summary>
internal static class RunConfigText
{
    public static string Of(JsonElement config) => Model(config) is { } model ? "model " + model : "config " + config.GetRawText();

    /// <summary><c>provider/model (chosen by user; user's key 1a2b3c4d)</c>; null for a run with no model.</summary>
    public static string? Model(JsonElement config)
    {
        if (config.ValueKind != JsonValueKind.Object || !config.TryGetProperty("model", out _)) return null;
        var provider = Text(config, "provider");
        var model = (provider is null ? "" : provider + "/") + Text(config, "model");
        var chosenBy = Text(config, "model_chosen_by");
        var key = Text(config, "key");
        var fingerprint = Text(config, "key_fingerprint");
        var how = string.Join("; ", new[]
        {
            chosenBy is null ? null : "chosen by " + chosenBy,
            key is null ? null : $"{key}'s key" + (fingerprint is null ? "" : " " + fingerprint),
        }.OfType<string>());
        return $"{model}{(how.Length == 0 ? "" : $" ({how})")}";
    }

    private static string? Text(JsonElement config, string name) =>
        config.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
