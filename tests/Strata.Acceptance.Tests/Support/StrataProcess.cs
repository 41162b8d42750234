using System.Diagnostics;

namespace Strata.Acceptance.Tests.Support;

/// <summary>Runs the real <c>strata</c> executable (built next to the tests) as a separate process, with extra
/// environment variables (how an operator sets <c>STRATA_</c> settings).</summary>
public sealed class StrataProcess(string dataDirectory)
{
    public async Task<(int Exit, string Out, string Error)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = StartInfo(dataDirectory, args);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A guard against a hang, not a timing: generous, because a shared 2-core machine under load runs a 100 MB
        // ingest several times slower than an idle one.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"strata {string.Join(' ', args)} did not finish within 8 minutes; it was killed.");
        }
        return (process.ExitCode, await output, await error);
    }

    public Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>How every test starts the real executable: on the data directory, with its output captured.</summary>
    public static ProcessStartInfo StartInfo(string dataDirectory, IEnumerable<string> args)
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
        // The test runner's own settings must not leak into the process under test.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("STRATA_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        return start;
    }
}
