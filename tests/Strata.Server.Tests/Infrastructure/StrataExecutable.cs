namespace Strata.Server.Tests.Infrastructure;

/// <summary>The built <c>strata</c> CLI (this test project builds it), run as a separate process like a user would.</summary>
public static class StrataExecutable
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>strata.dll in the CLI's own output folder, next to its deps file and native SQLite.</summary>
    public static string DllPath { get; } = FindDll();

    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static Task<ProcessOutcome> RunAsync(IEnumerable<string> arguments, string? workingDirectory = null) =>
        ProcessRunner.RunAsync(DotnetHost, [DllPath, .. arguments], workingDirectory ?? Path.GetTempPath());

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
