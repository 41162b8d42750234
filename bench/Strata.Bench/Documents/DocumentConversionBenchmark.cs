using System.Diagnostics;
using System.Text;
using Markdig;
using Strata.Bench.Harness;
using Strata.Core;
using Strata.Formats.Documents;
using Strata.Formats.Documents.Markdown;

namespace Strata.Bench.Documents;

/// <summary>
/// Issue 13's conversion figure: a generated Markdown file (50 MB; 5 MB quick) converted into blocks, against the bare
/// parser in the same run (Markdig with precise source positions parsing the whole text). Three figures: the bare
/// parse, the converter alone (streaming, segmented), and the whole stored path (add_document: spooled, stored, the
/// conversion job writing every block to SQLite). The goal (≥ 0.5 of the bare parser) is checked on the converter; the
/// stored path's ratio is reported beside it.
/// </summary>
public sealed class DocumentConversionBenchmark : IBenchmark
{
    public string Name => "document-conversion";

    public string Description => "Markdown into blocks vs. Markdig alone (50 MB): MB/s, ratio, blocks stored per second";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var megabytes = settings.Pick(50, 5);
        using var workspace = new Workspace("documents");
        var path = workspace.PathOf("big.md");
        var bytes = Generate(path, megabytes * 1_000_000L);
        var text = await File.ReadAllTextAsync(path, cancellationToken);

        var pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().UsePipeTables().UseFootnotes().Build();
        var start = Stopwatch.GetTimestamp();
        var parsed = Markdown.Parse(text, pipeline).Count;
        var bare = Stopwatch.GetElapsedTime(start);
        text = null;
        GC.Collect();

        long converted = 0;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long heapPeak = 0;
        start = Stopwatch.GetTimestamp();
        await using (var content = File.OpenRead(path))
        {
            await foreach (var _ in new MarkdownConverter().ConvertAsync(content, ConversionLimits.Default, cancellationToken))
            {
                if (++converted % 20_000 == 0) heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
            }
        }
        var converter = Stopwatch.GetElapsedTime(start);

        var host = await StrataHost.OpenAsync(workspace.Folder("strata"), cancellationToken, maxUploadBytes: bytes + 1);
        await host.Services.Projects.CreateAsync(host.UserId, "bench", cancellationToken);
        start = Stopwatch.GetTimestamp();
        Strata.Core.Operations.AddDocumentResult added;
        await using (var content = File.OpenRead(path))
        {
            added = await host.Services.Documents.AddFileAsync(host.UserId, "bench", content, "big.md", null, wait: true, cancellationToken);
        }
        var stored = Stopwatch.GetElapsedTime(start);

        var report = new Report(Name, settings.Quick);
        var mb = bytes / 1_000_000.0;
        report.Json["megabytes"] = Math.Round(mb, 1);
        report.Figure("blocks", converted, "blocks in the document", "", $"{parsed:N0} top-level blocks parsed by Markdig");
        report.Figure("markdig_mb_per_s", mb / bare.TotalSeconds, "Markdig alone (whole text in memory)", "MB/s", $"{bare.TotalSeconds:0.00} s");
        report.Figure("converter_mb_per_s", mb / converter.TotalSeconds, "Strata's Markdown converter (streamed)", "MB/s", $"{converter.TotalSeconds:0.00} s");
        report.Goal("converter_ratio", bare / converter, "converter throughput / Markdig's", "", 0.5, higherIsBetter: true);
        report.Figure("converter_heap_growth_mb", Math.Max(0, heapPeak - heapBefore) / 1_000_000.0, "converter: managed heap above its start (sampled)", "MB",
            $"document {mb:0} MB");
        report.Figure("stored_mb_per_s", mb / stored.TotalSeconds, "add_document, stored in SQLite", "MB/s", $"{stored.TotalSeconds:0.00} s");
        report.Figure("stored_blocks_per_s", added.Document.BlockCount / stored.TotalSeconds, "blocks stored per second", "blocks/s");
        report.Figure("stored_ratio", bare / stored, "stored path throughput / Markdig's", "");
        if (added.Document.Status != "ingested") report.Failures.Add($"the document ended {added.Document.Status}: {added.Document.Error}");
        if (added.Document.BlockCount != converted) report.Failures.Add($"{added.Document.BlockCount} blocks stored, {converted} converted");
        return report;
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
