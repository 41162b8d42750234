using System.Diagnostics;

namespace Strata.Bench.Mcp;

/// <summary>
/// <c>strata</c> as a user installs it: <c>dotnet publish -c Release src/Strata.Cli</c> (ReadyToRun), into a folder
/// of the bench's own. STRATA_CLI_EXE names an executable published elsewhere instead (e.g. another branch's).
/// </summary>
public static class PublishedStrata
{
    /// <summary>The published executable, or why there is none.</summary>
    public static async Task<(string? Executable, string? Why)> PublishAsync(string outputDirectory, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("STRATA_CLI_EXE") is { Length: > 0 } given)
        {
            return File.Exists(given) ? (Path.GetFullPath(given), null) : (null, $"STRATA_CLI_EXE={given} does not exist");
        }
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "publish", "-c", "Release", StrataCli.Metadata("StrataCliProject"), "-o", outputDirectory, "-v", "quiet", "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }
        Console.WriteLine("   publishing strata (dotnet publish -c Release src/Strata.Cli, ReadyToRun)...");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var executable = Path.Combine(outputDirectory, OperatingSystem.IsWindows() ? "strata.exe" : "strata");
        if (process.ExitCode != 0 || !File.Exists(executable))
        {
            var said = ((await output) + (await errors)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return (null, $"dotnet publish exited {process.ExitCode}: {said.FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? said.LastOrDefault()}");
        }
        return (executable, null);
    }
}
