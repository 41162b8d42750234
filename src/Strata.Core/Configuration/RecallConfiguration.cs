using System.Globalization;
using Microsoft.Extensions.Configuration;
using Strata.Core.Recall;

namespace Strata.Core.Configuration;

/// <summary>Reads <see cref="RecallOptions"/> from the <c>Recall</c> section: <c>PostingsPerTerm</c>,
/// <c>PostingsPerQuery</c>, <c>CandidatesPerSignal</c>, <c>MaxQueryTerms</c>, <c>TimeLimitSeconds</c>, <c>K1</c>, <c>B</c>,
/// <c>FieldWeight</c>, <c>ExpansionShare</c>, <c>RrfK</c>, <c>VectorScanBytes</c>, <c>VectorCacheBytes</c>, <c>BackfillUnitsPerTransaction</c>, <c>SearchThreads</c> (auto, 1 or 2) and <c>Weights:&lt;signal&gt;</c> (bm25, expansion, neighbour, time, recency, reply, entity, relation, observation, vector).</summary>
public static class RecallConfiguration
{
    public static RecallOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Recall");
        var d = new RecallOptions();
        var weights = new Dictionary<string, double>(d.Weights, StringComparer.Ordinal);
        foreach (var signal in d.Weights.Keys) weights[signal] = Number(section, "Weights:" + signal, d.Weights[signal], 0, 100);
        return new RecallOptions
        {
            PostingsPerTerm = (int)Number(section, "PostingsPerTerm", d.PostingsPerTerm, 1, 10_000_000),
            PostingsPerQuery = (int)Number(section, "PostingsPerQuery", d.PostingsPerQuery, 1, 100_000_000),
            CandidatesPerSignal = (int)Number(section, "CandidatesPerSignal", d.CandidatesPerSignal, 10, 100_000),
            MaxQueryTerms = (int)Number(section, "MaxQueryTerms", d.MaxQueryTerms, 1, 1000),
            TimeLimit = TimeSpan.FromSeconds(Number(section, "TimeLimitSeconds", d.TimeLimit.TotalSeconds, 0.01, 600)),
            K1 = Number(section, "K1", d.K1, 0, 10),
            B = Number(section, "B", d.B, 0, 1),
            FieldWeight = Number(section, "FieldWeight", d.FieldWeight, 0, 10),
            ExpansionShare = Number(section, "ExpansionShare", d.ExpansionShare, 0, 1),
            RrfK = Number(section, "RrfK", d.RrfK, 0, 10_000),
            VectorScanBytes = (long)Number(section, "VectorScanBytes", d.VectorScanBytes, 4096, 1L << 34),
            VectorCacheBytes = (long)Number(section, "VectorCacheBytes", d.VectorCacheBytes, 0, 1L << 32),
            BackfillUnitsPerTransaction = (int)Number(section, "BackfillUnitsPerTransaction", d.BackfillUnitsPerTransaction, 1, 100_000),
            SearchThreads = SearchThreads(section),
            Weights = weights,
        };
    }

    private static int? SearchThreads(IConfigurationSection section) => section["SearchThreads"]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => null,
        "1" => 1,
        "2" => 2,
        var text => throw new StrataConfigurationException($"Recall:SearchThreads must be auto, 1 or 2 (got '{text}')."),
    };

    private static double Number(IConfigurationSection section, string key, double fallback, double min, double max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new StrataConfigurationException($"Recall:{key} must be a number from {min} to {max} (got '{text}').");
        }
        return value;
    }
}
