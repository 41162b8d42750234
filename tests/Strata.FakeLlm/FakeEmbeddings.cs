using System.Text;
using System.Text.Json.Nodes;

namespace Strata.FakeLlm;

/// <summary>
/// A deterministic stand-in for an embedding model: a hashed bag of words. Each word (lower-cased, a plural's "s" cut) adds
/// one to the dimension its hash names, and the vector is normalised, so texts that share words are near and the same
/// text always gives the same vector. The model name seeds the hash, so two models give different vectors (a model change
/// is visible), and a name ending in <c>-N</c> asks for N dimensions (64 otherwise).
/// </summary>
public static class FakeEmbeddings
{
    public const int DefaultDimensions = 64;

    public static JsonObject Answer(JsonNode request)
    {
        var model = request["model"]?.GetValue<string>() ?? "";
        var input = request["input"] is JsonArray array ? array.Select(i => i?.GetValue<string>() ?? "").ToList()
            : [request["input"]?.GetValue<string>() ?? ""];
        var data = new JsonArray();
        for (var i = 0; i < input.Count; i++)
        {
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = new JsonArray(Of(model, input[i]).Select(v => (JsonNode)v).ToArray()) });
        }
        return new JsonObject { ["object"] = "list", ["model"] = model, ["data"] = data, ["usage"] = new JsonObject { ["prompt_tokens"] = 0, ["total_tokens"] = 0 } };
    }

    public static float[] Of(string model, string text)
    {
        var dash = model.LastIndexOf('-');
        var dimensions = dash >= 0 && int.TryParse(model.AsSpan(dash + 1), out var n) && n is > 0 and <= 4096 ? n : DefaultDimensions;
        var vector = new float[dimensions];
        foreach (var word in Words(text)) vector[(int)(Hash(model + "\u0001" + word) % (uint)dimensions)] += 1;
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0) for (var i = 0; i < dimensions; i++) vector[i] /= norm;
        return vector;
    }

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (word.Length > 2) yield return word.Length > 3 && word[^1] == 's' ? word.ToString(0, word.Length - 1) : word.ToString();
            word.Clear();
        }
    }

    /// <summary>FNV-1a: stable across processes (string.GetHashCode is randomised per process).</summary>
    private static uint Hash(string value)
    {
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return hash;
    }
}
