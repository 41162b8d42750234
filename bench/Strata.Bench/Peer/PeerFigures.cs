using System.Globalization;
using System.Text.Json.Nodes;
using Strata.Bench.Harness;

namespace Strata.Bench.Peer;

/// <summary>One size's rows: each server's figures as the median of its rounds with min–max, then strata ÷ reference
/// per round (the two ran back to back, so a drift in the machine's speed touches both) as a median with min–max.</summary>
internal sealed class PeerFigures(Report report, int size)
{
    private static readonly (string Key, string Label, string Unit, Func<JsonNode, double> Read)[] Measures =
    [
        ("initialize_ms", "start-up to initialize answered", "ms", r => (double)r["initialize_ms"]!),
        ("writes_per_s", "writes", "entities/s", r => (double)r["writes_per_s"]!),
        ("first_write_ms", "first write call (50 entities)", "ms", r => (double)r["first_write_ms"]!),
        ("write_p50_ms", "write call p50", "ms", r => (double)r["write_batch"]!["p50_ms"]!),
        ("read_p95_ms", "read p95", "ms", r => (double)r["read"]!["p95_ms"]!),
        ("search_p95_ms", "search p95", "ms", r => (double)r["search"]!["p95_ms"]!),
        ("disk_bytes", "bytes on disk after close", "bytes", r => (double)r["disk_bytes"]!),
        ("disk_bytes_per_entity", "bytes on disk per entity", "bytes", r => (double)r["disk_bytes"]! / (int)r["size"]!),
    ];

    public void Server(string key, string label, IReadOnlyList<JsonNode> runs)
    {
        foreach (var (measure, name, unit, read) in Measures)
        {
            Spread($"{key}_{size}_{measure}", $"{label} @{size:N0}: {name}", unit, runs.Select(read).ToList(), "");
        }
    }

    public void Ratios(IReadOnlyList<JsonNode> strata, IReadOnlyList<JsonNode> peer)
    {
        var pairs = strata.Zip(peer).ToList();
        Spread($"writes_ratio_{size}", $"writes @{size:N0}: strata ÷ reference", "x",
            pairs.Select(p => (double)p.First["writes_per_s"]! / (double)p.Second["writes_per_s"]!).ToList(), "goal ≥ 2");
        Spread($"read_p95_ratio_{size}", $"read p95 @{size:N0}: strata ÷ reference", "x",
            pairs.Select(p => (double)p.First["read"]!["p95_ms"]! / (double)p.Second["read"]!["p95_ms"]!).ToList(), "goal ≤ 0.5 (lower is faster)");
        Spread($"search_p95_ratio_{size}", $"search p95 @{size:N0}: strata ÷ reference", "x",
            pairs.Select(p => (double)p.First["search"]!["p95_ms"]! / (double)p.Second["search"]!["p95_ms"]!).ToList(), "goal ≤ 0.5 (lower is faster)");
        Spread($"disk_ratio_{size}", $"disk after close @{size:N0}: strata ÷ reference", "x",
            pairs.Select(p => (double)p.First["disk_bytes"]! / (double)p.Second["disk_bytes"]!).ToList(), "goal ≤ 5 at 50,000");
        Spread($"first_write_vs_steady_{size}", $"strata first write call ÷ its p50 @{size:N0}", "x",
            strata.Select(r => (double)r["first_write_ms"]! / (double)r["write_batch"]!["p50_ms"]!).ToList(), "goal ≤ 2");
    }

    private void Spread(string key, string figure, string unit, IReadOnlyList<double> values, string note)
    {
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        report.Figure(key, median, figure, unit, sorted.Count > 1 ? $"min–max {Text(sorted[0])}–{Text(sorted[^1])}{(note.Length > 0 ? "; " + note : "")}" : note);
        report.Json[key + "_min"] = Math.Round(sorted[0], 3);
        report.Json[key + "_max"] = Math.Round(sorted[^1], 3);
    }

    private static string Text(double value) => Math.Round(value, value >= 100 ? 0 : 3).ToString("#,0.###", CultureInfo.InvariantCulture);
}
