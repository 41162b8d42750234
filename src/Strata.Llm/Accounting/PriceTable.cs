using System.Globalization;
using Microsoft.Extensions.Configuration;
using Strata.Core.Configuration;

namespace Strata.Llm.Accounting;

/// <summary>Prices by model name. A dated model id (<c>claude-sonnet-4-5-20250929</c>) takes the price of the
/// longest configured name it starts with, so one entry covers a model's snapshots.</summary>
public sealed class PriceTable(IReadOnlyDictionary<string, ModelPrice> prices)
{
    public static readonly PriceTable Defaults = new(DefaultPrices.ByModel);

    public ModelPrice? Find(string model)
    {
        if (prices.TryGetValue(model, out var exact)) return exact;
        ModelPrice? best = null;
        var bestLength = 0;
        foreach (var (name, price) in prices)
        {
            if (name.Length > bestLength && model.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                best = price;
                bestLength = name.Length;
            }
        }
        return best;
    }

    /// <summary>The defaults with <c>Llm:Prices:{model}</c> entries (<c>Input</c>, <c>Output</c>, <c>CacheRead</c>,
    /// <c>CacheWrite</c>, USD per million tokens) added or replacing them.</summary>
    public static PriceTable From(IConfiguration configuration)
    {
        var prices = new Dictionary<string, ModelPrice>(DefaultPrices.ByModel, StringComparer.OrdinalIgnoreCase);
        Collect(configuration.GetSection("Llm:Prices"), "", prices);
        return new PriceTable(prices);
    }

    private static readonly string[] Kinds = ["Input", "Output", "CacheRead", "CacheWrite"];

    // Configuration splits keys at ':', and Ollama model names have one (llama3.1:8b): a section without price
    // keys is a part of a model name, and its children continue it.
    private static void Collect(IConfigurationSection section, string prefix, Dictionary<string, ModelPrice> prices)
    {
        foreach (var child in section.GetChildren())
        {
            var name = prefix.Length == 0 ? child.Key : $"{prefix}:{child.Key}";
            if (Kinds.Any(k => child[k] is not null))
            {
                prices[name] = new ModelPrice(Read(child, "Input"), Read(child, "Output"), Read(child, "CacheRead"), Read(child, "CacheWrite"));
            }
            else
            {
                Collect(child, name, prices);
            }
        }
    }

    private static decimal Read(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return 0m;
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new StrataConfigurationException($"{section.Path}:{key} must be a price in USD per million tokens, such as 3 or 0.30 (got '{text}').");
    }
}
