using System.Diagnostics;
using System.Text.Json.Nodes;
using Strata.Bench.Harness;
using Strata.Core.Imports;

namespace Strata.Bench.Chat;

/// <summary>Imports one export (reading, sources, quick pass; no full pass) in a process of its own and reports its time
/// and the process's peak resident memory, so each size is measured alone and cold.</summary>
public static class ChatImportProbe
{
    public const string CommandName = "__chat-probe";

    public static async Task<(double Seconds, long PeakRssBytes, int Conversations)> RunInChildAsync(string dataDirectory, string file, string provider,
        CancellationToken cancellationToken)
    {
        var json = await ChildProbe.RunAsync([CommandName, dataDirectory, file, provider], cancellationToken);
        return ((double)json["seconds"]!, (long)json["peak_rss_bytes"]!, (int)json["conversations"]!);
    }

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var (dataDirectory, file, provider) = (args[0], args[1], args[2]);
        var host = await StrataHost.OpenAsync(dataDirectory, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        await using var content = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var import = await host.Services.ChatImports.ImportAsync(host.UserId, new ChatImportRequest(content, provider, Path.GetFileName(file), FullPass: false),
            null, cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (import.Status != ChatImportStatuses.QuickReady) throw new InvalidOperationException($"The import ended {import.Status}: {import.Error}");
        ChildProbe.Write(seconds, new JsonObject { ["conversations"] = import.Counts.Conversations });
        return 0;
    }
}
