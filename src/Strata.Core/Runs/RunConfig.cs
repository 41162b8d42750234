using System.Text.Json;
using Strata.Core.Hashing;

namespace Strata.Core.Runs;

/// <summary>A run's configuration as canonical JSON, so equal configs hash equally.</summary>
public static class RunConfig
{
    public static string Serialize(IReadOnlyDictionary<string, string?> config)
    {
        var element = JsonSerializer.SerializeToElement(
            config.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!),
            CoreJsonContext.Default.DictionaryStringString);
        return CanonicalJson.Serialize(element);
    }

    /// <summary>The entity type a run was asked to apply, so a reinterpretation can ask for the same.</summary>
    public static string? EntityType(string configJson)
    {
        using var document = JsonDocument.Parse(configJson);
        return document.RootElement.TryGetProperty("entity_type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()
            : null;
    }
}
