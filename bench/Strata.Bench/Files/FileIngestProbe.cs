using System.Diagnostics;
using System.Text.Json.Nodes;
using Strata.Bench.Harness;
using Strata.Core.Sources;

namespace Strata.Bench.Files;

/// <summary>
/// Stores one file in a process of its own (Strata's ingest, or the sha256 + copy baseline) and reports its time and
/// the process's peak resident memory. A fresh process per file measures what that file costs alone, and puts the
/// baseline and Strata on equal terms (both start cold, neither carries the other's heap).
/// </summary>
public static class FileIngestProbe
{
    public const string CommandName = "__file-probe";
    public const string Ingest = "ingest";
    public const string HashAndCopy = "hash-copy";

    /// <param name="target">The data directory to ingest into, or the path of the copy.</param>
    public static async Task<ProbeResult> RunInChildAsync(string mode, string target, string file, CancellationToken cancellationToken)
    {
        var json = await ChildProbe.RunAsync([CommandName, mode, target, file], cancellationToken);
        return new ProbeResult((double)json["seconds"]!, (long)json["peak_rss_bytes"]!, (bool)json["deduplicated"]!);
    }

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var (mode, target, file) = (args[0], args[1], args[2]);
        var size = new FileInfo(file).Length;
        var host = mode == Ingest ? await StrataHost.OpenAsync(target, cancellationToken, maxUploadBytes: size + 1) : null;
        // Crypto and file I/O are loaded before the clock starts, as opening the store does for the ingest probe.
        System.Security.Cryptography.SHA256.HashData([0]);
        var deduplicated = false;
        var start = Stopwatch.GetTimestamp();
        if (host is null)
        {
            await HashCopy.CopyAsync(file, target, cancellationToken);
        }
        else
        {
            await using var content = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var result = await host.Services.Ingest.IngestAsync(host.UserId, new IngestRequest(content, Path.GetFileName(file), Interpret: false), cancellationToken);
            deduplicated = result.Deduplicated;
        }
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        ChildProbe.Write(seconds, new JsonObject { ["deduplicated"] = deduplicated });
        return 0;
    }
}

public sealed record ProbeResult(double Seconds, long PeakRssBytes, bool Deduplicated);
