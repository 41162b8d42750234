using System.Diagnostics;
using System.Text;
using Markdig;
using Strata.Bench.Harness;
using Strata.Formats.Documents;
using Strata.Formats.Documents.Markdown;

namespace Strata.Bench.Documents;

/// <summary>
/// Issue 13's conversion figure: a generated Markdown file (50 MB; 5 MB quick) converted into blocks, against the bare
/// parser in the same run (Markdig with precise source positions parsing the whole text). Figures: the bare parse, the
/// converter alone (streaming, segmented), and the whole stored path (add_document: spooled, stored, the conversion
/// job writing every block to SQLite) in a cold process of its own at a third of the size and at the full size, with
/// that process's peak resident memory at both: flat in document size means nearly the same peak. The goal (≥ 0.5 of
/// the bare parser) is checked on the converter; the stored path's ratio is reported beside it.
/// </summary>
public sealed class DocumentConversionBenchmark : IBenchmark
{
    /// <summary>How far apart the two peaks may be: the garbage collector's slack, far below what holding the larger
    /// document (two thirds of it more, twice that as UTF-16) would add. The acceptance test's bound is the same.</summary>
    private const double PeakDifferenceGoalMb = 64;

    public string Name => "document-conversion";

    public string Description => "Markdown into blocks vs. Markdig alone (50 MB): MB/s, ratio, blocks stored per second, peak memory at two sizes";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var megabytes = settings.Pick(50, 5);
        using var workspace = new Workspace("documents");
        var path = workspace.PathOf("big.md");
        var thirdPath = workspace.PathOf("third.md");
        var bytes = Generate(path, megabytes * 1_000_000L);
        var thirdBytes = Generate(thirdPath, megabytes * 1_000_000L / 3);

        // Warm-up on the smaller file: JIT and first-use costs are neither parser's speed.
        await BareAsync(thirdPath, cancellationToken);
        await ConvertAsync(thirdPath, cancellationToken);
        var (parsed, bare) = await BareAsync(path, cancellationToken);
        var (converted, converter) = await ConvertAsync(path, cancellationToken);

        var third = await DocumentAddProbe.RunInChildAsync(workspace.Folder("third"), thirdPath, cancellationToken);
        var stored = await DocumentAddProbe.RunInChildAsync(workspace.Folder("strata"), path, cancellationToken);

        var report = new Report(Name, settings.Quick);
        var mb = bytes / 1_000_000.0;
        report.Json["megabytes"] = Math.Round(mb, 1);
        report.Figure("blocks", converted, "blocks in the document", "", $"{parsed:N0} top-level blocks parsed by Markdig");
        report.Figure("markdig_mb_per_s", mb / bare.TotalSeconds, "Markdig alone (whole text in memory)", "MB/s", $"{bare.TotalSeconds:0.00} s");
        report.Figure("converter_mb_per_s", mb / converter.TotalSeconds, "Strata's Markdown converter (streamed)", "MB/s", $"{converter.TotalSeconds:0.00} s");
        report.Goal("converter_ratio", bare / converter, "converter throughput / Markdig's", "", 0.5, higherIsBetter: true);
        report.Figure("stored_mb_per_s", mb / stored.Seconds, "add_document, stored in SQLite (cold process)", "MB/s", $"{stored.Seconds:0.00} s");
        report.Figure("stored_blocks_per_s", stored.Blocks / stored.Seconds, "blocks stored per second", "blocks/s");
        report.Figure("stored_ratio", bare.TotalSeconds / stored.Seconds, "stored path throughput / Markdig's", "");
        var thirdPeak = third.PeakRssBytes / 1048576.0;
        var fullPeak = stored.PeakRssBytes / 1048576.0;
        report.Figure("stored_peak_mb_third", thirdPeak, $"peak resident memory, add_document of {thirdBytes / 1_000_000.0:0.#} MB", "MB");
        report.Figure("stored_peak_mb_full", fullPeak, $"peak resident memory, add_document of {mb:0.#} MB", "MB");
        report.Goal("stored_peak_mb_difference", Math.Abs(fullPeak - thirdPeak), "  difference between the two", "MB", PeakDifferenceGoalMb, higherIsBetter: false);
        if (stored.Blocks != converted) report.Failures.Add($"{stored.Blocks} blocks stored, {converted} converted");
        return report;
    }

    private static async Task<(int TopLevelBlocks, TimeSpan Took)> BareAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().UsePipeTables().UseFootnotes().Build();
        var start = Stopwatch.GetTimestamp();
        var parsed = Markdown.Parse(text, pipeline).Count;
        var took = Stopwatch.GetElapsedTime(start);
        text = null;
        GC.Collect();
        return (parsed, took);
    }

    private static async Task<(long Blocks, TimeSpan Took)> ConvertAsync(string path, CancellationToken cancellationToken)
    {
        long converted = 0;
        var start = Stopwatch.GetTimestamp();
        await using (var content = File.OpenRead(path))
        {
            await foreach (var _ in new MarkdownConverter().ConvertAsync(content, ConversionLimits.Default, cancellationToken)) converted++;
        }
        return (converted, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>A Markdown document of repeating sections (headings, paragraphs, lists, code, a table, a quote) up to
    /// about <paramref name="size"/> bytes; returns its size.</summary>
    private static long Generate(string path, long size)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        var section = 0;
        while (writer.BaseStream.Length < size)
        {
            section++;
            writer.Write($"# Section {section}\n\n");
            for (var sentence = 0; sentence < 6; sentence++)
            {
                writer.Write($"The tenant pays rent of {section * 10 + sentence} on the first day of each month, and the landlord keeps the roof in repair. ");
            }
            writer.Write("\n\n");
            writer.Write($"## Terms {section}\n\n- renewal after one year\n- notice of {section % 12 + 1} months\n  - in writing\n\n");
            writer.Write("```\ncode line one\ncode line two\n```\n\n| item | amount |\n|---|---:|\n| rent | 1,200 |\n| deposit | 2,400 |\n\n");
            writer.Write($"> A quoted clause, number {section}, with *emphasis* and a [link](https://example.com/{section}).\n\n---\n\n");
            if (section % 64 == 0) writer.Flush();
        }
        writer.Flush();
        return writer.BaseStream.Length;
    }
}
