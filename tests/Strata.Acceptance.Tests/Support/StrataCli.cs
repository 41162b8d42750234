using System.Diagnostics;

namespace Strata.Acceptance.Tests.Support;

/// <summary>Runs the real <c>strata</c> executable (built next to the tests) as a separate process.</summary>
public sealed class StrataCli(string dataDirectory)
{
    public async Task<(int Exit, string Out, string Error)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "strata.dll"));
        start.ArgumentList.Add("--data-dir");
        start.ArgumentList.Add(dataDirectory);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    public Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) => RunAsync(null, args);
}
