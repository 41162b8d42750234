using System.Diagnostics;
using Strata.Bench.Harness;
using Strata.Core.Sources;

namespace Strata.Bench.Files;

/// <summary>
/// Figure 4: storing files as sources, against SHA-256 + copy of the same bytes in the same run. Small files
/// alternate with the baseline file by file; the big file alternates with the baseline run by run, each in a
/// process of its own, so its peak memory can be compared with a 1 MB file's.
/// </summary>
public sealed class FileIngestBenchmark : IBenchmark
{
    public const double GoalRatio = 0.5;
    public const double GoalExtraMegabytes = 100;

    public string Name => "files";

    public string Description => "ingest of 10,000 small files and one 1 GB file vs sha256 + copy; peak memory 1 GB vs 1 MB";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var report = new Report(Name, settings.Quick);
        using var workspace = new Workspace("files");
        await SmallFilesAsync(settings.Pick(10_000, 1_000), workspace, report, cancellationToken);
        await BigFileAsync(settings.Pick(1L << 30, 64L << 20), settings.Pick(3, 1), workspace, report, cancellationToken);
        return report;
    }

    /// <summary>The small-file half alone (the goals command repeats it for a median).</summary>
    internal static async Task<Report> SmallFilesOnlyAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var report = new Report("files-small", settings.Quick);
        using var workspace = new Workspace("files-small");
        await SmallFilesAsync(settings.Pick(10_000, 1_000), workspace, report, cancellationToken);
        return report;
    }

    private static async Task SmallFilesAsync(int count, Workspace workspace, Report report, CancellationToken cancellationToken)
    {
        var files = SmallFileSet.Create(workspace.Folder("small"), count);
        var copies = workspace.Folder("copies");
        var stored = await StrataHost.OpenAsync(workspace.Folder("stored"), cancellationToken);
        var interpreted = await StrataHost.OpenAsync(workspace.Folder("interpreted"), cancellationToken);

        var baseline = TimeSpan.Zero;
        var storing = TimeSpan.Zero;
        var interpreting = TimeSpan.Zero;
        var deduplicated = 0;
        for (var i = 0; i < files.Paths.Count; i++)
        {
            var path = files.Paths[i];
            var start = Stopwatch.GetTimestamp();
            await HashCopy.CopyAsync(path, Path.Combine(copies, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
            baseline += Stopwatch.GetElapsedTime(start);

            start = Stopwatch.GetTimestamp();
            var result = await IngestAsync(stored, path, interpret: false, cancellationToken);
            storing += Stopwatch.GetElapsedTime(start);

            start = Stopwatch.GetTimestamp();
            await IngestAsync(interpreted, path, interpret: true, cancellationToken);
            interpreting += Stopwatch.GetElapsedTime(start);
            if (result.Deduplicated) deduplicated++;
        }

        report.Json["small_files"] = count;
        report.Json["small_bytes"] = files.TotalBytes;
        report.Figure("small_strata_mb_per_s", Rates.MegabytesPerSecond(files.TotalBytes, storing), "small files: Strata ingest --no-interpret", "MB/s",
            $"{Rates.PerSecond(count, storing):N0} files/s");
        report.Figure("small_baseline_mb_per_s", Rates.MegabytesPerSecond(files.TotalBytes, baseline), "small files: sha256 + copy", "MB/s",
            $"{Rates.PerSecond(count, baseline):N0} files/s");
        report.Goal("small_ratio", baseline / storing, "small files: ratio to sha256 + copy", "", GoalRatio, higherIsBetter: true);
        report.Figure("small_interpreted_files_per_s", Rates.PerSecond(count, interpreting), "small files: Strata ingest, interpreted", "files/s",
            $"ratio to sha256 + copy {baseline / interpreting:0.###} (a run, an entity and a snapshot per file)");
        if (deduplicated > 0 || stored.Blobs.Puts != count)
        {
            report.Failures.Add($"{count} distinct files gave {stored.Blobs.Puts} blob writes and {deduplicated} duplicates");
        }
    }

    private static async Task BigFileAsync(long size, int rounds, Workspace workspace, Report report, CancellationToken cancellationToken)
    {
        var inputs = workspace.Folder("big");
        var big = Path.Combine(inputs, "big.bin");
        var small = Path.Combine(inputs, "one-megabyte.bin");
        BigFile.Create(big, size);
        BigFile.Create(small, 1L << 20);

        // Baseline and Strata alternate, each from settled write-back and each in a fresh process; the median of
        // each side is compared, since a shared disk makes any single run of a gigabyte an outlier now and then.
        var copy = workspace.PathOf("big-copy.bin");
        var baseline = new List<double>();
        var ingest = new List<ProbeResult>();
        for (var round = 0; round < rounds; round++)
        {
            await Writeback.SettleAsync(cancellationToken);
            baseline.Add((await FileIngestProbe.RunInChildAsync(FileIngestProbe.HashAndCopy, copy, big, cancellationToken)).Seconds);
            File.Delete(copy);
            await Writeback.SettleAsync(cancellationToken);
            var store = workspace.PathOf($"big-store-{round}");
            ingest.Add(await FileIngestProbe.RunInChildAsync(FileIngestProbe.Ingest, store, big, cancellationToken));
            Directory.Delete(store, recursive: true);
        }
        var smallProbe = await FileIngestProbe.RunInChildAsync(FileIngestProbe.Ingest, workspace.Folder("small-store"), small, cancellationToken);
        var bigProbe = ingest.OrderBy(p => p.Seconds).ElementAt(rounds / 2);

        var baselineSeconds = baseline.Order().ElementAt(rounds / 2);
        string Runs(IEnumerable<double> seconds) => string.Join(", ", seconds.Select(s => s.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
        var label = size >= 1L << 30 ? $"{size >> 30} GB" : $"{size >> 20} MB";
        report.Json["big_bytes"] = size;
        report.Figure("big_strata_mb_per_s", Rates.Megabytes(size) / bigProbe.Seconds, $"{label} file: Strata ingest --no-interpret", "MB/s",
            $"median of {Runs(ingest.Select(p => p.Seconds))} s");
        report.Figure("big_baseline_mb_per_s", Rates.Megabytes(size) / baselineSeconds, $"{label} file: sha256 + copy", "MB/s",
            $"median of {Runs(baseline)} s");
        report.Goal("big_ratio", baselineSeconds / bigProbe.Seconds, $"{label} file: ratio to sha256 + copy", "", GoalRatio, higherIsBetter: true);
        report.Figure("peak_rss_1mb_mb", Rates.Megabytes(smallProbe.PeakRssBytes), "peak memory, process ingesting 1 MB", "MB");
        report.Figure("peak_rss_big_mb", Rates.Megabytes(ingest.Max(p => p.PeakRssBytes)), $"peak memory, process ingesting {label}", "MB");
        report.Goal("peak_rss_extra_mb", Rates.Megabytes(ingest.Max(p => p.PeakRssBytes) - smallProbe.PeakRssBytes),
            $"extra memory for {label} over 1 MB", "MB", GoalExtraMegabytes, higherIsBetter: false);
        if (ingest.Any(p => p.Deduplicated) || smallProbe.Deduplicated)
        {
            report.Failures.Add("a fresh store reported a first ingest as deduplicated");
        }
    }

    private static async Task<Strata.Core.Operations.IngestResult> IngestAsync(StrataHost host, string path, bool interpret, CancellationToken cancellationToken)
    {
        await using var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await host.Services.Ingest.IngestAsync(host.UserId, new IngestRequest(content, Path.GetFileName(path), Interpret: interpret), cancellationToken);
    }
}
