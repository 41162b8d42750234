using System.Diagnostics;
using System.Globalization;
using System.Text;
using Markdig;
using Strata.Bench.Harness;
using Strata.Formats.Documents;

namespace Strata.Bench.Review;

/// <summary>
/// Markdown conversion into located blocks against the bare parser in the same run: Markdig parsing the same file with
/// precise source positions (what the converter builds on) versus Strata's converter producing every block with its
/// content, heading path and locator. Memory: the process's peak working set growth at two document sizes.
/// </summary>
public sealed class ConversionBenchmark : IBenchmark
{
    public string Name => "conversion";

    public string Description => "Markdown → located blocks versus bare Markdig on the same file (goal ≥ 0.5 of its speed)";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var report = new Report(Name, settings.Quick);
        var megabytes = settings.Pick(50, 2);
        using var workspace = new Workspace("conversion");
        var small = Generate(workspace.PathOf("small.md"), megabytes / 5.0);
        var large = Generate(workspace.PathOf("large.md"), megabytes);

        Bare(small); // warm-up: JIT and first-use costs are not the parser's speed
        await StrataAsync(small, cancellationToken);
        var bare = Bare(large);
        var (strata, blocks) = await StrataAsync(large, cancellationToken);
        var (_, smallBlocks) = await StrataAsync(small, cancellationToken);
        var smallPeak = await PeakGrowthAsync(small, cancellationToken);
        var largePeak = await PeakGrowthAsync(large, cancellationToken);
        var mb = new FileInfo(large).Length / 1_000_000.0;

        report.Figure("file_mb", mb, "Markdown file", "MB");
        report.Figure("blocks", blocks, "blocks", "");
        report.Figure("markdig_mb_per_s", mb / bare.TotalSeconds, "bare Markdig parse", "MB/s");
        report.Figure("strata_mb_per_s", mb / strata.TotalSeconds, "Strata conversion", "MB/s");
        report.Goal("ratio", bare.TotalSeconds / strata.TotalSeconds, "Strata / Markdig speed", "", 0.5, higherIsBetter: true);
        report.Figure("peak_growth_small_mb", smallPeak / 1e6, $"peak memory growth at {mb / 5:0.#} MB", "MB");
        report.Figure("peak_growth_large_mb", largePeak / 1e6, $"peak memory growth at {mb:0.#} MB", "MB",
            "flat would be the same at both sizes");
        if (Math.Abs(blocks - smallBlocks * 5.0) > blocks * 0.02) report.Failures.Add($"{blocks} blocks at 5x the size of {smallBlocks}");
        return report;
    }

    /// <summary>Sections of headings, paragraphs, lists and code, repeated to the size asked.</summary>
    private static string Generate(string path, double megabytes)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        long written = 0;
        var target = (long)(megabytes * 1_000_000);
        for (var i = 0; written < target; i++)
        {
            var section = string.Create(CultureInfo.InvariantCulture, $"""
                ## Section {i}

                The tenant shall pay the rent of clause {i} on the first day of each month, by transfer to the account named in the schedule.
                Late payment accrues interest at the statutory rate.

                - item one of {i}
                - item two of {i}

                ```
                code block {i}
                ```


                """);
            writer.Write(section);
            written += section.Length;
        }
        return path;
    }

    private static TimeSpan Bare(string path)
    {
        var text = File.ReadAllText(path);
        var pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();
        var watch = Stopwatch.StartNew();
        var document = Markdown.Parse(text, pipeline);
        watch.Stop();
        GC.KeepAlive(document);
        return watch.Elapsed;
    }

    private static async Task<(TimeSpan Took, int Blocks)> StrataAsync(string path, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var blocks = 0;
        await using var file = File.OpenRead(path);
        await foreach (var block in DocumentConverters.Default.ConvertAsync("text/markdown", file, cancellationToken))
        {
            blocks++;
            GC.KeepAlive(block);
        }
        return (watch.Elapsed, blocks);
    }

    /// <summary>How far the working set rose above where it was while one conversion ran.</summary>
    private static async Task<long> PeakGrowthAsync(string path, CancellationToken cancellationToken)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        long peak = before;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                try { await Task.Delay(5, stop.Token); } catch (OperationCanceledException) { }
            }
        }, CancellationToken.None);
        await StrataAsync(path, cancellationToken);
        await stop.CancelAsync();
        await sampler;
        return peak - before;
    }
}
