using System.Diagnostics;

namespace Strata.Server.Tests.Infrastructure;

/// <summary>The built <c>strata</c> CLI (this test project builds it), run as a separate process like a user would.</summary>
public static class StrataExecutable
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>strata.dll in the CLI's own output folder, next to its deps file and native SQLite.</summary>
    public static string DllPath { get; } = FindDll();

    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static async Task<ProcessOutcome> RunAsync(IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The CLI reads these too; a developer's shell must not change what the tests see.
        start.Environment.Remove("STRATA_DATA_DIR");
        start.Environment.Remove("STRATA_USER");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ProcessOutcome(process.ExitCode, await stdout, await stderr);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Strata.slnx"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No Strata.slnx above {AppContext.BaseDirectory}.");
    }

    private static string FindDll()
    {
        // The test's own output path names the configuration: .../bin/<Configuration>/net10.0/
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent?.Name ?? "Debug";
        var path = Path.Combine(RepositoryRoot, "src", "Strata.Cli", "bin", configuration, testOutput.Name, "strata.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The strata CLI is not built at {path}; build tests/Strata.Server.Tests first.");
    }
}

public sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
}
