using System.Globalization;
using System.Text.Json.Nodes;
using Strata.Bench.Harness;
using Strata.Bench.Mcp;
using Strata.Bench.Peer;
using Strata.Storage.Compliance;

namespace Strata.Bench.Disk;

/// <summary>
/// Where the bytes of a store go (issue 32): the peer benchmark's workload (contacts written over MCP in calls of 50,
/// then its reads and searches) at 50,000 entities (2,000 with --quick), Strata on SQLite, on PostgreSQL, and the
/// reference memory server, each left as its process leaves it once closed; then each table, index and folder of files
/// in bytes per entity and its ratio to the reference's whole file. The goal is the whole store ≤ 5× the reference.
/// PostgreSQL is the server STRATA_TEST_DATABASE_URL names (or one of its own, as the tests start it).
/// </summary>
public sealed class DiskBenchmark : IBenchmark
{
    private const double Goal = 5;

    public string Name => "disk";

    public string Description => "bytes per entity of each table, index and file folder after the peer workload at 50,000 entities (SQLite, PostgreSQL), against the reference server's file";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var report = new Report(Name, settings.Quick);
        var size = settings.Pick(50_000, 2_000);
        var directory = StrataCli.Metadata("PeerDirectory");
        var missing = await PeerBenchmark.WhyNodeUnavailableAsync(directory, cancellationToken);
        var (strata, unavailable) = missing is null ? await PeerBenchmark.StrataToMeasureAsync(settings.Quick, cancellationToken) : (null, missing);
        if (strata is null)
        {
            report.NotMeasured("sqlite_bytes_per_entity", "disk", unavailable ?? missing!);
            return report;
        }
        report.Json["entities"] = size;
        report.Row("workload", $"{size:N0} entities", $"peer workload, calls of 50, one round; strata {(strata[0] == "--strata-exe" ? "published" : "from its build")}");

        using var workspace = new Workspace("disk");
        var sqliteRuns = workspace.Folder("sqlite");
        if (!await RunPeerAsync(report, directory, sqliteRuns, size, "strata,peer", strata, null, cancellationToken)) return report;
        var reference = new FileInfo(Path.Combine(sqliteRuns, $"peer-{size}-1", "memory.jsonl")).Length;
        report.Json["reference_bytes"] = reference;
        report.Figure("reference_bytes_per_entity", (double)reference / size, "reference memory.jsonl", "bytes/entity", $"{reference:N0} bytes");
        try
        {
            Breakdown(report, "sqlite", await StoreBytes.OfSqliteAsync(Path.Combine(sqliteRuns, $"strata-{size}-1", "strata"), cancellationToken), size, reference);
        }
        catch (Exception failed) when (failed is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            report.NotMeasured("sqlite_bytes_per_entity", "sqlite", $"{failed.Message} (dbstat is read with Debian's sqlite3 shell: apt-get install sqlite3)");
        }

        string? url = null;
        try
        {
            url = await PostgresTestDatabase.CreateAsync();
        }
        catch (Exception unreachable) when (unreachable is not OperationCanceledException)
        {
            report.NotMeasured("postgres_bytes_per_entity", "postgres", unreachable.Message);
        }
        if (url is null) return report;
        try
        {
            var postgresRuns = workspace.Folder("postgres");
            if (await RunPeerAsync(report, directory, postgresRuns, size, "strata", strata, url, cancellationToken))
            {
                Breakdown(report, "postgres", await StoreBytes.OfPostgresAsync(url, Path.Combine(postgresRuns, $"strata-{size}-1", "strata"), cancellationToken),
                    size, reference);
            }
        }
        finally
        {
            await PostgresTestDatabase.DropAsync(url);
        }
        return report;
    }

    private static async Task<bool> RunPeerAsync(Report report, string directory, string work, int size, string servers, string[] strata, string? databaseUrl,
        CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "peer-bench.mjs", "--work", work, "--sizes", size.ToString(CultureInfo.InvariantCulture), "--rounds", "1", "--keep", "--servers", servers };
        arguments.AddRange(strata);
        var environment = databaseUrl is null ? null : new Dictionary<string, string> { ["STRATA_DATABASE_URL"] = databaseUrl };
        var (exit, output, errors) = await PeerBenchmark.RunAsync("node", arguments, directory, TimeSpan.FromHours(1), cancellationToken, environment);
        if (exit == 0)
        {
            // The same run's speed beside its bytes: a layout that saves bytes must not cost writes, reads or searches.
            foreach (var run in JsonNode.Parse(output.Trim().Split('\n')[^1])!["runs"]!.AsArray().Select(r => r!))
            {
                var server = $"{(string)run["server"]!}{(databaseUrl is null ? "" : " (postgres)")}";
                report.Row($"{server} speed", $"{(double)run["writes_per_s"]!:0} entities/s",
                    $"first call {(double)run["first_write_ms"]!:0.0} ms, call p50 {(double)run["write_batch"]!["p50_ms"]!:0.00} ms, read p95 {(double)run["read"]!["p95_ms"]!:0.00} ms, search p95 {(double)run["search"]!["p95_ms"]!:0.00} ms");
            }
            return true;
        }
        report.Failures.Add($"the peer script ({servers}) exited {exit}: {errors.Trim()}");
        return false;
    }

    /// <summary>The store's parts, largest first, as bytes per entity and share of the store, and the whole against the reference.</summary>
    private static void Breakdown(Report report, string database, List<StorePart> parts, int size, long reference)
    {
        var total = parts.Sum(p => p.Bytes);
        var json = new JsonObject();
        // Parts under half a percent (empty tables of other features: a page or two each) are summed on one line.
        var shown = parts.Where(p => p.Bytes * 200 >= total).OrderByDescending(p => p.Bytes).ToList();
        foreach (var part in shown)
        {
            json[part.Name] = new JsonObject { ["kind"] = part.Kind, ["table"] = part.Table, ["bytes"] = part.Bytes };
            report.Row($"{database} {part.Name}", $"{(double)part.Bytes / size:0.0} bytes/entity",
                $"{part.Kind}{(part.Kind == "index" ? $" on {part.Table}" : "")}, {100.0 * part.Bytes / total:0.0}% of the store, {(double)part.Bytes / reference:0.00}× the reference");
        }
        var rest = parts.Except(shown).ToList();
        json["(other parts)"] = new JsonObject { ["kind"] = "other", ["count"] = rest.Count, ["bytes"] = rest.Sum(p => p.Bytes) };
        report.Row($"{database} {rest.Count} other parts", $"{(double)rest.Sum(p => p.Bytes) / size:0.0} bytes/entity", "each under 0.5% of the store");
        foreach (var table in parts.GroupBy(p => p.Table).Select(g => (Table: g.Key, Bytes: g.Sum(p => p.Bytes))).Where(t => t.Bytes * 200 >= total).OrderByDescending(t => t.Bytes))
        {
            report.Row($"{database} {table.Table} with its indexes", $"{(double)table.Bytes / size:0.0} bytes/entity", $"{100.0 * table.Bytes / total:0.0}% of the store");
        }
        report.Json[database + "_parts"] = json;
        report.Json[database + "_bytes"] = total;
        report.Figure(database + "_bytes_per_entity", (double)total / size, $"{database} whole store", "bytes/entity", $"{total:N0} bytes");
        report.Goal(database + "_ratio_to_reference", (double)total / reference, $"{database} ÷ reference", "×", Goal, higherIsBetter: false);
    }
}
