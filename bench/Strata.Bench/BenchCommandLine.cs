using System.Text.Json.Nodes;
using Strata.Bench.Files;
using Strata.Bench.Harness;
using Strata.Bench.Micro;
using Strata.Bench.Peer;
using Strata.Bench.Reads;
using Strata.Bench.Structured;
using Strata.Bench.Workloads;

namespace Strata.Bench;

/// <summary><c>strata-bench &lt;command&gt; [--quick]</c>: one command per benchmark, <c>all</c> for every one.</summary>
public static class BenchCommandLine
{
    private static IReadOnlyList<IBenchmark> Benchmarks(int? listEntities = null) =>
    [
        new StructuredIngestBenchmark(),
        new SnapshotReadBenchmark(),
        new TextQueryBenchmark(),
        new TrigramMatchBenchmark(),
        new ListFirstPageBenchmark(listEntities),
        new FileIngestBenchmark(),
        new DedupeBenchmark(),
        new PeerBenchmark(),
        new Resolution.ResolutionBenchmark(),
        new Llm.LlmBenchmark(),
        new Documents.DocumentConversionBenchmark(),
        new Review.BlockRunBenchmark(),
        new Chat.ChatBenchmark(),
        new Graph.GraphBenchmark(),
        new Archive.ArchiveBenchmark(),
        new Exports.ExportBenchmark(),
        new Web.WebGridBenchmark(),
    ];

    /// <summary>Run only when named: micro explains the figures rather than being among them; goals runs others again.</summary>
    private static IReadOnlyList<IBenchmark> Extras() => [new MicroBenchmark(), new Goals.GoalsBenchmark(), new Recall.RecallEvalBenchmark(), new Recall.EmbeddingBackfillBenchmark(), new Recall.RecallLatencyBenchmark(), new Disk.DiskBenchmark()];

    private const string ResolutionSizeOption = "--resolution-size=";

    private const string ChatPartsOption = "--chat-parts=";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == FileIngestProbe.CommandName)
        {
            return await FileIngestProbe.RunAsync(args[1..], CancellationToken.None);
        }
        if (args.Length > 0 && args[0] == Documents.DocumentAddProbe.CommandName)
        {
            return await Documents.DocumentAddProbe.RunAsync(args[1..], CancellationToken.None);
        }
        if (args.Length > 0 && args[0] == Chat.ChatImportProbe.CommandName)
        {
            return await Chat.ChatImportProbe.RunAsync(args[1..], CancellationToken.None);
        }
        if (args.Length == 3 && args[0] == "__chat-export")
        {
            // The import benchmark's export, kept on disk, so the probe can be run by hand against two builds in turn.
            await Chat.ChatExportGenerator.WriteAsync(args[1], "chatgpt", int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), longWords: 400, seed: 1,
                CancellationToken.None);
            return 0;
        }

        var quick = args.Contains("--quick");
        var commands = args.Where(a => !a.StartsWith('-')).ToList();
        var benchmarks = Benchmarks(ListEntitiesOf(args));
        var named = benchmarks.Concat(Extras()).ToList();
        if (args.Contains("--help") || args.Contains("-h"))
        {
            PrintUsage(named);
            return 0;
        }
        var unknown = commands.Where(c => c != "all" && named.All(b => b.Name != c)).ToList();
        if (commands.Count == 0 || unknown.Count > 0)
        {
            Console.Error.WriteLine(commands.Count == 0 ? "Name a benchmark, or all." : $"Unknown benchmark '{unknown[0]}'.");
            PrintUsage(named);
            return 2;
        }
        var all = commands.Contains("all");
        var selected = all ? benchmarks : named.Where(b => commands.Contains(b.Name)).ToList();

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        using var datasets = new DatasetCache();
        var size = args.FirstOrDefault(a => a.StartsWith(ResolutionSizeOption, StringComparison.Ordinal));
        var settings = new BenchSettings(quick, datasets, size is null ? null : long.Parse(size[ResolutionSizeOption.Length..], System.Globalization.CultureInfo.InvariantCulture),
            ChatPartsOf(args));
        BuildCheck.WarnIfNotOptimized();
        var reports = new List<Report>();
        foreach (var benchmark in selected)
        {
            Console.WriteLine($"-- running {benchmark.Name}: {benchmark.Description}");
            var report = await benchmark.RunAsync(settings, cancel.Token);
            reports.Add(report);
            Console.WriteLine();
            Console.Write(report.Table());
            Console.WriteLine(report.JsonLine());
            Console.WriteLine();
        }

        if (all)
        {
            Console.WriteLine(Summary(reports, quick));
        }
        return reports.Any(r => r.Failures.Count > 0) ? 1 : 0;
    }

    /// <summary><c>--list-entities=N</c>: the size of the large store of the list benchmark.</summary>
    private static int? ListEntitiesOf(string[] args)
    {
        const string prefix = "--list-entities=";
        var given = args.LastOrDefault(a => a.StartsWith(prefix, StringComparison.Ordinal));
        return given is not null && int.TryParse(given[prefix.Length..], System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var count) && count > 0 ? count : null;
    }

    /// <summary><c>--chat-parts=import,memory,chunking,pass</c>: only those parts of the chat benchmark (each takes minutes).</summary>
    private static IReadOnlySet<string>? ChatPartsOf(string[] args)
    {
        var given = args.LastOrDefault(a => a.StartsWith(ChatPartsOption, StringComparison.Ordinal));
        return given is null ? null : given[ChatPartsOption.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
    }

    private static string Summary(List<Report> reports, bool quick)
    {
        var all = new JsonObject
        {
            ["benchmark"] = "all",
            ["quick"] = quick,
            ["results"] = new JsonArray(reports.Select(r => (JsonNode)r.Json.DeepClone()).ToArray()),
            ["failures"] = reports.Sum(r => r.Failures.Count),
        };
        return all.ToJsonString();
    }

    private static void PrintUsage(IReadOnlyList<IBenchmark> benchmarks)
    {
        Console.WriteLine("usage: dotnet run -c Release --project bench/Strata.Bench -- <command>... [--quick]");
        Console.WriteLine();
        foreach (var benchmark in benchmarks)
        {
            Console.WriteLine($"  {benchmark.Name,-10} {benchmark.Description}");
        }
        Console.WriteLine($"  {"all",-10} every benchmark above but micro and goals, in that order (several names run those, sharing seeded data)");
        Console.WriteLine();
        Console.WriteLine("  --quick    small sizes for a smoke run (CI); figures are not meant to be quoted");
        Console.WriteLine("  --list-entities=N  the large store of the list benchmark (default 200,000; the goal is stated at 1,000,000)");
        Console.WriteLine($"  {ResolutionSizeOption}N  the largest synthetic store of resolution (default {Resolution.ResolutionBenchmark.DefaultLargest:N0}; 1000000 for the million)");
        Console.WriteLine($"  {ChatPartsOption}import,memory,chunking,pass  only those parts of chat (default all)");
        Console.WriteLine("Each command prints a table and, as its last line, one JSON object with its figures.");
    }
}
