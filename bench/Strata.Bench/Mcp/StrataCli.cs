using System.Diagnostics;
using System.Reflection;

namespace Strata.Bench.Mcp;

/// <summary>
/// The <c>strata</c> executable built next to the bench, and whether it can serve MCP over stdio yet: the
/// MCP figures are measured when <c>strata mcp</c> exists and reported as not measured, with why, when not.
/// </summary>
public static class StrataCli
{
    /// <summary>STRATA_CLI_DLL overrides the strata.dll built with the bench (e.g. to measure another branch's build).</summary>
    public static string DllPath =>
        Environment.GetEnvironmentVariable("STRATA_CLI_DLL") is { Length: > 0 } overridden
            ? Path.GetFullPath(overridden)
            : Metadata("StrataCliDll");

    public static string Metadata(string key) =>
        typeof(StrataCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>Null when <c>dotnet strata.dll mcp --help</c> succeeds; otherwise why the MCP figures cannot be measured.</summary>
    public static async Task<string?> WhyMcpUnavailableAsync(CancellationToken cancellationToken)
    {
        var dll = DllPath;
        if (!File.Exists(dll))
        {
            return $"{dll} does not exist (build src/Strata.Cli)";
        }
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "mcp", "--help" }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return "`strata mcp --help` did not answer within 60 s";
        }
        // An unknown command with --help still exits 0 and prints the root help, so the usage line is what tells.
        var help = await output;
        if (process.ExitCode == 0 && help.Contains("strata mcp", StringComparison.Ordinal))
        {
            return null;
        }
        var firstError = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return $"this build of strata has no `mcp` command yet (`strata mcp --help` {(firstError is null ? "shows only the root help" : $"exited {process.ExitCode}: {firstError}")})";
    }
}
