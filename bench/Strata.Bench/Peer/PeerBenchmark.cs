using System.Diagnostics;
using System.Text.Json.Nodes;
using Strata.Bench.Harness;
using Strata.Bench.Mcp;

namespace Strata.Bench.Peer;

/// <summary>
/// Figure 6: the MCP reference memory server and <c>strata mcp</c>, driven by one TypeScript-SDK client script
/// (bench/peer) with one workload at 2,000, 10,000 and 50,000 entities, taking turns (strata, reference, strata,
/// reference...) for three rounds: medians with min–max, and the ratio of each round's pair. Strata runs as published
/// (ReadyToRun); with --quick, one round at 200 entities from its build. Needs node; installs the script's locked
/// packages with npm on first use.
/// </summary>
public sealed class PeerBenchmark : IBenchmark
{
    public string Name => "peer";

    public string Description => "MCP reference memory server vs strata mcp, same client script and workload over stdio, 3 sizes, interleaved rounds";

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

        using var workspace = new Workspace("peer");
        var arguments = new List<string> { "peer-bench.mjs", "--work", workspace.Folder("runs") };
        if (settings.Quick) arguments.Add("--quick");
        var (strata, strataUnavailable) = await StrataToMeasureAsync(settings.Quick, cancellationToken);
        if (strata is not null) arguments.AddRange(strata);
        var (exit, output, errors) = await RunAsync("node", arguments, directory, TimeSpan.FromHours(3), cancellationToken);
        if (exit != 0)
        {
            report.Failures.Add($"the peer script exited {exit}: {errors.Trim()}");
            return report;
        }

        var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        var workload = result["workload"]!;
        report.Json["workload"] = workload.DeepClone();
        report.Json["strata"] = strata is null ? null : string.Join(' ', strata);
        report.Row("workload", $"{workload["sizes"]!.ToJsonString()} entities",
            $"{workload["observations"]} observations each, batches of {workload["batch"]}; {workload["reads"]} reads; {workload["searches"]} searches; {workload["rounds"]} round(s), servers taking turns");
        report.Row("strata", strata is null ? "not measured" : strata[0] == "--strata-exe" ? "published (ReadyToRun)" : "from its build (JIT)",
            strataUnavailable ?? strata![1]);
        var runs = result["runs"]!.AsArray().Select(r => r!).ToList();
        foreach (var size in runs.Select(r => (int)r["size"]!).Distinct())
        {
            var peer = runs.Where(r => (int)r["size"]! == size && (string)r["server"]! == "peer").ToList();
            var ours = runs.Where(r => (int)r["size"]! == size && (string)r["server"]! == "strata").ToList();
            var figures = new PeerFigures(report, size);
            figures.Server("peer", "reference", peer);
            if (ours.Count > 0)
            {
                figures.Server("strata", "strata", ours);
                figures.Ratios(ours, peer);
            }
        }
        return report;
    }

    /// <summary>The script's arguments naming strata: the published executable, or (quick, or publishing failed) its build.</summary>
    internal static async Task<(string[]? Arguments, string? Why)> StrataToMeasureAsync(bool quick, CancellationToken cancellationToken)
    {
        if (!quick || Environment.GetEnvironmentVariable("STRATA_CLI_EXE") is { Length: > 0 })
        {
            var (executable, why) = await PublishedStrata.PublishAsync(Path.Combine(AppContext.BaseDirectory, "strata-published"), cancellationToken);
            if (executable is not null) return (["--strata-exe", executable], null);
            Console.Error.WriteLine($"warning: strata could not be published ({why}); measuring its build instead.");
        }
        var unavailable = await StrataCli.WhyMcpUnavailableAsync(cancellationToken);
        return unavailable is null ? (["--strata-dll", StrataCli.DllPath], null) : (null, unavailable);
    }

    internal static async Task<string?> WhyNodeUnavailableAsync(string directory, CancellationToken cancellationToken)
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

    internal static async Task<(int Exit, string Output, string Errors)> RunAsync(string command, IEnumerable<string> arguments, string directory,
        TimeSpan limit, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
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
