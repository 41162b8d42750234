using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Strata.Bench.Harness;

namespace Strata.Bench.Documents;

/// <summary>Adds one document to a project (spooled, stored, its conversion job writing every block to SQLite) in a
/// process of its own and reports its time, block count and the process's peak resident memory, so each size is
/// measured alone and cold: a peak read inside the benchmark's own process would carry the earlier figures' heap.</summary>
public static class DocumentAddProbe
{
    public const string CommandName = "__document-probe";

    public sealed record Result(double Seconds, long PeakRssBytes, int Blocks);

    public static async Task<Result> RunInChildAsync(string dataDirectory, string file, CancellationToken cancellationToken)
    {
        var json = await ChildProbe.RunAsync([CommandName, dataDirectory, file], cancellationToken);
        return new Result((double)json["seconds"]!, (long)json["peak_rss_bytes"]!, (int)json["blocks"]!);
    }

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var (dataDirectory, file) = (args[0], args[1]);
        var host = await StrataHost.OpenAsync(dataDirectory, cancellationToken, maxUploadBytes: new FileInfo(file).Length + 1);
        await host.Services.Projects.CreateAsync(host.UserId, "bench", cancellationToken);
        var started = Stopwatch.GetTimestamp();
        await using var content = File.OpenRead(file);
        var added = await host.Services.Documents.AddFileAsync(host.UserId, "bench", content, Path.GetFileName(file), null, wait: true, cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (added.Document.Status != "ingested") throw new InvalidOperationException($"The document ended {added.Document.Status}: {added.Document.Error}");
        ChildProbe.Write(seconds, new JsonObject { ["blocks"] = added.Document.BlockCount });
        return 0;
    }
}
