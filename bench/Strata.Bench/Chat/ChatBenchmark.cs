using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Bench.Harness;
using Strata.Core.Imports;
using Strata.Core.Storage;
using Strata.FakeLlm;
using Strata.Core.Imports.Chunking;
using Strata.Formats.Chat;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Configuration;
using Strata.Llm.Resilience;
using Strata.Core.Extraction;
using Strata.Llm.Hosting;
using Strata.Sqlite;

namespace Strata.Bench.Chat;

/// <summary>
/// Chat-history import (issue 14): import + quick pass of 5,000 generated conversations (goal under 10 s and 150 MB
/// peak, each run a cold process), peak memory of a 100 MB against a 300 MB export (goal: within 50 MB of each other),
/// chunking against reading alone at N and 2N conversations (linear: twice the conversations, about twice the time),
/// and the full pass through the fake LLM at 200 ms a call with 4 and 16 conversations at once against the ideal
/// (concurrency / latency). Timed figures are the median of three runs with their range; the load average is reported.
/// </summary>
public sealed class ChatBenchmark : IBenchmark
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(200);

    public string Name => "chat";

    public string Description => "chat import + quick pass (5,000 conversations), peak memory 100 MB vs 300 MB, chunking vs reading, full pass at 200 ms";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var report = new Report(Name, settings.Quick);
        using var workspace = new Workspace("chat");
        report.Row("load average (1 min) at start", Load(), "2 cores shared with other work");

        if (settings.RunsChatPart("import")) await ImportAsync(report, settings, workspace, cancellationToken);
        if (settings.RunsChatPart("memory")) await PeakMemoryAsync(report, settings, workspace, cancellationToken);
        if (settings.RunsChatPart("chunking")) await ChunkingAsync(report, settings, workspace, cancellationToken);
        foreach (var concurrency in settings.RunsChatPart("pass") ? new[] { 4, 16 } : [])
        {
            await FullPassAsync(report, settings, workspace, concurrency, cancellationToken);
        }
        report.Row("load average (1 min) at end", Load());
        return report;
    }

    private static async Task ImportAsync(Report report, BenchSettings settings, Workspace workspace, CancellationToken cancellationToken)
    {
        var conversations = settings.Pick(5_000, 200);
        var file = workspace.PathOf("import.json");
        var bytes = await ChatExportGenerator.WriteAsync(file, "chatgpt", conversations, longWords: 400, seed: 1, cancellationToken);
        var runs = new List<(double Seconds, long Peak)>();
        for (var run = 0; run < 3; run++)
        {
            var (seconds, peak, read) = await ChatImportProbe.RunInChildAsync(workspace.Folder($"import-{run}"), file, ChatProviders.ChatGpt, cancellationToken);
            if (read != conversations) report.Failures.Add($"import read {read} conversations, not {conversations}");
            runs.Add((seconds, peak));
        }
        var label = $"{conversations:N0} conversations ({ChatExportGenerator.Megabytes(bytes)} MB, ChatGPT, branches)";
        report.Goal("import_quick_pass_seconds", Median(runs.Select(r => r.Seconds)), $"import + quick pass, {label}, median of 3", "s", 10, higherIsBetter: false);
        report.Row("  range", Range(runs.Select(r => r.Seconds), "s"));
        report.Goal("import_quick_pass_peak_mb", Median(runs.Select(r => r.Peak / 1048576.0)), "  peak resident memory, median of 3", "MB", 150, higherIsBetter: false);
        report.Row("  range", Range(runs.Select(r => r.Peak / 1048576.0), "MB"));
    }

    private static async Task PeakMemoryAsync(Report report, BenchSettings settings, Workspace workspace, CancellationToken cancellationToken)
    {
        var peaks = new List<double>();
        foreach (var megabytes in new[] { settings.Pick(100, 4), settings.Pick(300, 12) })
        {
            // Long messages: the size comes from text, so the larger export is not mostly row writes.
            const int perConversation = 34_000; // about 6.5 messages, a third of them long (measured on the generator)
            var conversations = (int)(megabytes * 1048576L / perConversation);
            var file = workspace.PathOf($"peak-{megabytes}.json");
            var bytes = await ChatExportGenerator.WriteAsync(file, "claude", conversations, longWords: 2_000 * 8 / 7, seed: 2, cancellationToken);
            var (seconds, peak, _) = await ChatImportProbe.RunInChildAsync(workspace.Folder($"peak-{megabytes}"), file, ChatProviders.Claude, cancellationToken);
            peaks.Add(peak / 1048576.0);
            report.Figure($"peak_mb_{megabytes}", peak / 1048576.0, $"peak memory, {ChatExportGenerator.Megabytes(bytes)} MB Claude export ({conversations:N0} conversations, one run)",
                "MB", $"{seconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
            File.Delete(file);
        }
        report.Goal("peak_mb_difference", Math.Abs(peaks[1] - peaks[0]), "  difference between the two", "MB", 50, higherIsBetter: false);
    }

    private static async Task ChunkingAsync(Report report, BenchSettings settings, Workspace workspace, CancellationToken cancellationToken)
    {
        var sizes = new[] { settings.Pick(5_000, 200), settings.Pick(10_000, 400) };
        var chunkSeconds = new List<double>();
        foreach (var conversations in sizes)
        {
            var file = workspace.PathOf($"chunk-{conversations}.json");
            await ChatExportGenerator.WriteAsync(file, "claude", conversations, longWords: 1_500, seed: 3, cancellationToken);
            var read = new List<double>();
            var chunked = new List<double>();
            long chunks = 0;
            for (var run = 0; run < 3; run++)
            {
                read.Add(await TimeAsync(file, chunk: false, cancellationToken));
                chunked.Add(await TimeAsync(file, chunk: true, cancellationToken, count => chunks = count));
            }
            report.Figure($"read_seconds_{conversations}", Median(read), $"read {conversations:N0} conversations, median of 3", "s", Range(read, "s"));
            report.Figure($"read_and_chunk_seconds_{conversations}", Median(chunked), $"read + chunk (3 tiers, {chunks:N0} chunks), median of 3", "s", Range(chunked, "s"));
            chunkSeconds.Add(Median(chunked) - Median(read));
        }
        report.Figure("chunking_seconds_ratio", chunkSeconds[1] / Math.Max(chunkSeconds[0], 1e-6), $"chunking time at {sizes[1]:N0} / at {sizes[0]:N0}", "x",
            "linear is 2; quadratic would be 4");
    }

    private static async Task<double> TimeAsync(string file, bool chunk, CancellationToken cancellationToken, Action<long>? chunks = null)
    {
        var started = Stopwatch.GetTimestamp();
        long count = 0;
        await using (var content = File.OpenRead(file))
        {
            await foreach (var conversation in ChatExportReader.ReadAsync(content, cancellationToken))
            {
                if (!chunk) continue;
                var texts = conversation.Messages.Select(m => m.Text).ToList();
                foreach (var tier in ChunkTier.All) count += ChatChunker.Chunk(texts, tier).Count();
            }
        }
        chunks?.Invoke(count);
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task FullPassAsync(Report report, BenchSettings settings, Workspace workspace, int concurrency, CancellationToken cancellationToken)
    {
        var conversations = settings.Pick(concurrency * 8, concurrency * 2);
        var file = workspace.PathOf($"pass-{concurrency}.json");
        await ChatExportGenerator.WriteAsync(file, "claude", conversations, longWords: 60, seed: 4, cancellationToken);
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { Latency = Latency, RecordRequests = false }, cancellationToken);
        var rates = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ChatImport:FullPassConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
            }).Build();
            var options = new LlmOptions
            {
                Providers = new Dictionary<string, ProviderOptions>(StringComparer.OrdinalIgnoreCase)
                {
                    ["fake"] = new ProviderOptions("fake", ProviderKind.Anthropic, server.BaseUrl, new ApiKey("bench-key")),
                },
                DefaultModel = new ModelRef("fake", "claude-sonnet-4-5"),
                Retry = new RetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(40) },
            };
            var runOptions = new LlmRunOptions { Calls = new Core.Llm.LlmCallLimits(64, 64, TimeSpan.FromMinutes(15)) };
            var host = await StrataHost.OpenAsync(workspace.Folder($"pass-{concurrency}-{run}"), cancellationToken, settings: new EmbeddedSettings
            {
                Configuration = configuration,
                Llm = LlmModels.Create(options, runOptions, TimeProvider.System, NullLoggerFactory.Instance),
            });
            await using var content = File.OpenRead(file);
            var import = await host.Services.ChatImports.ImportAsync(host.UserId, new ChatImportRequest(content, ChatProviders.Claude, null, FullPass: false), null, cancellationToken);
            var started = Stopwatch.GetTimestamp();
            var result = await host.Services.ChatFullPass.RunAsync(new ChatPassWork(host.UserId, import.ImportId, import.PipelineVersion, concurrency), cancellationToken);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (result.Done != conversations) report.Failures.Add($"full pass at {concurrency}: {result.Done} of {conversations} done ({result.FirstError})");
            rates.Add(conversations / seconds);
        }
        var ideal = concurrency / Latency.TotalSeconds;
        report.Figure($"full_pass_conversations_per_second_{concurrency}", Median(rates),
            $"full pass, {conversations} conversations, concurrency {concurrency}, median of 3", "conv/s",
            $"ideal {ideal:0} conv/s (one 200 ms call each); {Median(rates) / ideal:P0} of it; range {Range(rates, "conv/s")}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Range(IEnumerable<double> values, string unit)
    {
        var list = values.ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{list.Min():0.###}–{list.Max():0.###} {unit}");
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
