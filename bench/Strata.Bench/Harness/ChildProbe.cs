using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Strata.Bench.Harness;

/// <summary>
/// Runs one measurement in a fresh process of this benchmark (a hidden <c>__…-probe</c> command), so its time and peak
/// memory are its own: it starts cold and carries no earlier figure's heap. The probe prints one JSON object as its
/// last line, with at least <c>seconds</c> and <c>peak_rss_bytes</c> (<see cref="Write"/>).
/// </summary>
public static class ChildProbe
{
    public static async Task<JsonNode> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(ChildProbe).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The probe '{string.Join(' ', start.ArgumentList)}' exited {process.ExitCode}: {output}");
        }
        return JsonNode.Parse(output.Trim().Split('\n')[^1])!;
    }

    /// <summary>The probe's answer: its time, this process's peak resident memory (Linux VmHWM), and its own figures.</summary>
    public static void Write(double seconds, JsonObject figures)
    {
        using var self = Process.GetCurrentProcess();
        figures["seconds"] = seconds;
        figures["peak_rss_bytes"] = self.PeakWorkingSet64;
        Console.WriteLine(figures.ToJsonString());
    }
}
