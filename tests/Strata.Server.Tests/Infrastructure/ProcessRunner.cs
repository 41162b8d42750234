using System.Diagnostics;

namespace Strata.Server.Tests.Infrastructure;

/// <summary>Runs a program to its end, collecting what it printed.</summary>
public static class ProcessRunner
{
    public static async Task<ProcessOutcome> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The CLI reads these too; a developer's shell must not change what the tests see.
        start.Environment.Remove("STRATA_DATA_DIR");
        start.Environment.Remove("STRATA_USER");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ProcessOutcome(process.ExitCode, await stdout, await stderr);
    }
}

public sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
}
