using System.Diagnostics;
using System.Text.Json.Nodes;
using Strata.Bench.Harness;
using Strata.Bench.Mcp;

namespace Strata.Bench.Peer;

/// <summary>
/// Figure 6: the MCP reference memory server and <c>strata mcp</c>, driven by one TypeScript-SDK client script
/// (bench/peer) with one workload. Needs node; installs the script's locked packages with npm on first use.
/// </summary>
public sealed class PeerBenchmark : IBenchmark
{
    public string Name => "peer";

    public string Description => "MCP reference memory server vs strata mcp, same client script and workload over stdio";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var report = new Report(Name, settings.Quick);
        var directory = StrataCli.Metadata("PeerDirectory");
        var missing = await WhyNodeUnavailableAsync(directory, cancellationToken);
        if (missing is not null)
        {
            report.NotMeasured("peer_writes_per_s", "reference memory server", missing);
            report.NotMeasured("strata_writes_per_s", "strata mcp", missing);
            return report;
        }
        var strataUnavailable = await StrataCli.WhyMcpUnavailableAsync(cancellationToken);

        using var workspace = new Workspace("peer");
        var arguments = new List<string> { "peer-bench.mjs", "--work", workspace.Root };
        if (settings.Quick) arguments.Add("--quick");
        if (strataUnavailable is null) arguments.AddRange(["--strata-dll", StrataCli.DllPath]);
        var (exit, output, errors) = await RunAsync("node", arguments, directory, TimeSpan.FromMinutes(20), cancellationToken);
        if (exit != 0)
        {
            report.Failures.Add($"the peer script exited {exit}: {errors.Trim()}");
            return report;
        }

        var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        var workload = result["workload"]!;
        report.Json["workload"] = workload.DeepClone();
        report.Row("workload", $"{workload["entities"]} entities", $"{workload["observations"]} observations each, batches of {workload["batch"]}; {workload["reads"]} reads; {workload["searches"]} searches");
        var peer = result["peer"]!;
        Figures(report, "peer", "reference memory server", peer);
        var strata = result["strata"];
        if (strata is null)
        {
            report.NotMeasured("strata_writes_per_s", "strata mcp", strataUnavailable ?? "the peer script did not measure strata");
            return report;
        }
        Figures(report, "strata", "strata mcp", strata);
        report.Figure("writes_ratio", (double)strata["writes_per_s"]! / (double)peer["writes_per_s"]!, "writes/s: strata / peer", "x");
        report.Figure("read_p95_ratio", (double)strata["read"]!["p95_ms"]! / (double)peer["read"]!["p95_ms"]!, "read p95: strata / peer", "x", "below 1 is faster");
        report.Figure("search_p95_ratio", (double)strata["search"]!["p95_ms"]! / (double)peer["search"]!["p95_ms"]!, "search p95: strata / peer", "x", "below 1 is faster");
        return report;
    }

    private static void Figures(Report report, string key, string label, JsonNode figures)
    {
        report.Figure($"{key}_writes_per_s", (double)figures["writes_per_s"]!, $"{label}: writes", "entities/s");
        report.Figure($"{key}_read_p50_ms", (double)figures["read"]!["p50_ms"]!, $"{label}: read p50", "ms");
        report.Figure($"{key}_read_p95_ms", (double)figures["read"]!["p95_ms"]!, $"{label}: read p95", "ms");
        report.Figure($"{key}_search_p95_ms", (double)figures["search"]!["p95_ms"]!, $"{label}: search p95", "ms");
    }

    private static async Task<string?> WhyNodeUnavailableAsync(string directory, CancellationToken cancellationToken)
    {
        try
        {
            if ((await RunAsync("node", ["--version"], directory, TimeSpan.FromSeconds(30), cancellationToken)).Exit != 0)
            {
                return "node does not run";
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "node is not installed";
        }
        if (Directory.Exists(Path.Combine(directory, "node_modules", "@modelcontextprotocol", "server-memory")))
        {
            return null;
        }
        Console.WriteLine("   installing bench/peer packages (npm ci)...");
        var (exit, _, errors) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], directory, TimeSpan.FromMinutes(5), cancellationToken);
        return exit == 0 ? null : $"npm ci in bench/peer failed: {errors.Trim().Split('\n').LastOrDefault()}";
    }

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(string command, IEnumerable<string> arguments, string directory,
        TimeSpan limit, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await errors);
    }
}
