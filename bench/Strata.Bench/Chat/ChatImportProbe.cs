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
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(ChatImportProbe).Assembly.Location);
        foreach (var argument in new[] { CommandName, dataDirectory, file, provider }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"The chat probe for {file} exited {process.ExitCode}: {output}");
        var json = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
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
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(new JsonObject
        {
            ["seconds"] = seconds,
            ["peak_rss_bytes"] = self.PeakWorkingSet64,
            ["conversations"] = import.Counts.Conversations,
        }.ToJsonString());
        return 0;
    }
}
