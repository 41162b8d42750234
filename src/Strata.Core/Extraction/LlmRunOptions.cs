using Microsoft.Extensions.Configuration;
using Strata.Core.Configuration;
using Strata.Core.Llm;
using Strata.Core.Extraction.Packing;

namespace Strata.Core.Extraction;

/// <summary>How LLM runs cut, pack and pace their work: <c>Llm:Run:…</c> and <c>Llm:Concurrency:…</c> (see docs/llm.md).</summary>
public sealed record LlmRunOptions
{
    /// <summary>Input budget of one item (a chunk), in estimated tokens.</summary>
    public int ChunkTokens { get; init; } = 1_500;

    public PackCaps Packs { get; init; } = PackCaps.Default;

    /// <summary>Output tokens one item's answer is expected to need, for packing.</summary>
    public int ExpectedOutputTokensPerItem { get; init; } = 400;

    /// <summary>The <c>max_tokens</c> of each call.</summary>
    public int MaxTokens { get; init; } = 4_096;

    public double Temperature { get; init; }

    /// <summary>Packs of one run in flight at once in one worker (the call slots bound them further).</summary>
    public int ParallelPacks { get; init; } = 4;

    /// <summary>Keep the raw answer on every item, not only on failed ones.</summary>
    public bool KeepAllRawOutput { get; init; }

    public LlmCallLimits Calls { get; init; } = LlmCallLimits.Default;

    /// <summary>How long a block run's claim on its blocks holds before the blocks count as abandoned (their worker died)
    /// and another worker may take them: longer than a call with its retries (<c>Llm:Run:BlockClaimLease</c>).</summary>
    public TimeSpan BlockClaimLease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest wait between two looks for a free call slot.</summary>
    public TimeSpan SlotPoll { get; init; } = TimeSpan.FromMilliseconds(200);

    public static LlmRunOptions Read(IConfiguration configuration)
    {
        var run = configuration.GetSection("Llm:Run");
        var calls = configuration.GetSection("Llm:Concurrency");
        var defaults = new LlmRunOptions();
        return new LlmRunOptions
        {
            ChunkTokens = ConfigValues.Count(run, "ChunkTokens", defaults.ChunkTokens, 50),
            Packs = new PackCaps(
                ConfigValues.Count(run, "PackItems", defaults.Packs.MaxItems, 1),
                ConfigValues.Count(run, "PackInputTokens", defaults.Packs.MaxInputTokens, 50),
                ConfigValues.Count(run, "PackOutputTokens", defaults.Packs.MaxOutputTokens, 50)),
            ExpectedOutputTokensPerItem = ConfigValues.Count(run, "ItemOutputTokens", defaults.ExpectedOutputTokensPerItem, 1),
            MaxTokens = ConfigValues.Count(run, "MaxTokens", defaults.MaxTokens, 16),
            Temperature = TemperatureOf(run, defaults.Temperature),
            ParallelPacks = ConfigValues.Count(run, "ParallelPacks", defaults.ParallelPacks, 1),
            KeepAllRawOutput = string.Equals(run["KeepRawOutput"], "all", StringComparison.OrdinalIgnoreCase),
            BlockClaimLease = ConfigValues.Duration(run, "BlockClaimLease", defaults.BlockClaimLease),
            Calls = new LlmCallLimits(
                ConfigValues.Count(calls, "Global", defaults.Calls.Global, 1),
                ConfigValues.Count(calls, "PerUser", defaults.Calls.PerUser, 1),
                ConfigValues.Duration(calls, "SlotLease", defaults.Calls.Lease)),
        };
    }

    private static double TemperatureOf(IConfigurationSection section, double fallback)
    {
        var text = section["Temperature"];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 2
            ? value
            : throw new StrataConfigurationException($"{section.Path}:Temperature must be a number from 0 to 2 (got '{text}').");
    }
}
