using System.Diagnostics;
using Strata.Bench.Harness;
using Strata.Core.Sources;

namespace Strata.Bench.Files;

/// <summary>
/// Figure 5: ingesting files Strata already holds. Each must come back as the existing source without a single
/// blob write or delete; the baseline is reading and hashing the same file (its hash is only known after).
/// </summary>
public sealed class DedupeBenchmark : IBenchmark
{
    public string Name => "dedupe";

    public string Description => "re-ingest of the same 10,000 files: ops/s, no blob writes";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var count = settings.Pick(10_000, 1_000);
        using var workspace = new Workspace("dedupe");
        var files = SmallFileSet.Create(workspace.Folder("small"), count);
        var host = await StrataHost.OpenAsync(workspace.Folder("strata"), cancellationToken);
        foreach (var path in files.Paths)
        {
            await IngestAsync(host, path, cancellationToken);
        }
        var blobsBefore = BlobListing(host.DataDirectory);
        var (putsBefore, deletesBefore) = (host.Blobs.Puts, host.Blobs.Deletes);

        var strata = TimeSpan.Zero;
        var baseline = TimeSpan.Zero;
        var notDeduplicated = 0;
        foreach (var path in files.Paths)
        {
            var start = Stopwatch.GetTimestamp();
            await HashCopy.HashAsync(path, cancellationToken);
            baseline += Stopwatch.GetElapsedTime(start);

            start = Stopwatch.GetTimestamp();
            var result = await IngestAsync(host, path, cancellationToken);
            strata += Stopwatch.GetElapsedTime(start);
            if (!result.Deduplicated) notDeduplicated++;
        }

        var report = new Report(Name, settings.Quick);
        report.Json["files"] = count;
        report.Figure("strata_ops_per_s", Rates.PerSecond(count, strata), "Strata re-ingest (dedupe path)", "ops/s", $"{strata.TotalSeconds:0.00} s");
        report.Figure("baseline_ops_per_s", Rates.PerSecond(count, baseline), "read + sha256 of the same files", "ops/s", $"{baseline.TotalSeconds:0.00} s");
        report.Figure("ratio_to_hash_only", baseline / strata, "ratio to read + sha256", "");
        var blobWrites = host.Blobs.Puts - putsBefore;
        var blobDeletes = host.Blobs.Deletes - deletesBefore;
        report.Figure("blob_writes", blobWrites, "blob writes during re-ingest", "", "must be 0");
        report.Figure("blob_deletes", blobDeletes, "blob deletes during re-ingest", "", "must be 0");
        if (notDeduplicated > 0) report.Failures.Add($"{notDeduplicated} re-ingested files were not reported as deduplicated");
        if (blobWrites != 0 || blobDeletes != 0) report.Failures.Add($"the dedupe path wrote {blobWrites} and deleted {blobDeletes} blobs");
        if (BlobListing(host.DataDirectory) != blobsBefore) report.Failures.Add("the blob folder changed during re-ingest");
        var spool = Path.Combine(host.DataDirectory, "spool");
        if (Directory.Exists(spool) && Directory.EnumerateFiles(spool).Any()) report.Failures.Add("files were left in the spool");
        return report;
    }

    /// <summary>Names, sizes and write times of every blob file: equal listings mean nothing was written.</summary>
    private static string BlobListing(string dataDirectory)
    {
        var root = Path.Combine(dataDirectory, "sources");
        return string.Join("\n", Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => new FileInfo(f)).Select(f => $"{f.FullName} {f.Length} {f.LastWriteTimeUtc.Ticks}"));
    }

    private static async Task<Strata.Core.Operations.IngestResult> IngestAsync(StrataHost host, string path, CancellationToken cancellationToken)
    {
        await using var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await host.Services.Ingest.IngestAsync(host.UserId, new IngestRequest(content, Path.GetFileName(path), Interpret: false), cancellationToken);
    }
}
