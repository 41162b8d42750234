using System.Text.Json.Nodes;

namespace Strata.Server.Tests.Parity;

/// <summary>
/// Rewrites what must differ between two runs of one scenario so the rest can be compared exactly: times become
/// "&lt;time&gt;", and run, observation, merge, split, project, deletion and document ids (new every time; a document's follows its project's) become "&lt;run 1&gt;", "&lt;obs 2&gt;"... numbered by
/// first appearance, so every place that shares an id must still share it. Source, entity and user ids are
/// derived from content and the user, so they stay and must be equal.
/// </summary>
public sealed class JsonForComparison
{
    private static readonly string[] RenumberedPrefixes = ["run_", "obs_", "raw_", "mrg_", "spl_", "prj_", "doc_", "del_"];
    private readonly Dictionary<string, string> _renamed = new(StringComparer.Ordinal);

    public JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, IsTime(p.Key, p.Value) ? JsonValue.Create("<time>") : Normalize(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Normalize).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(Rename(text)),
        _ => node?.DeepClone(),
    };

    private static bool IsTime(string key, JsonNode? value) =>
        key.EndsWith("_at", StringComparison.Ordinal) && value is JsonValue v && v.TryGetValue<string>(out _);

    private string Rename(string text)
    {
        var prefix = RenumberedPrefixes.FirstOrDefault(p => text.StartsWith(p, StringComparison.Ordinal));
        if (prefix is null) return text;
        if (!_renamed.TryGetValue(text, out var renamed))
        {
            renamed = $"<{prefix.TrimEnd('_')} {_renamed.Count(r => r.Key.StartsWith(prefix, StringComparison.Ordinal)) + 1}>";
            _renamed[text] = renamed;
        }
        return renamed;
    }
}
