using System.Diagnostics;
using Strata.Bench.Mcp;

namespace Strata.Bench.Web;

/// <summary><c>strata serve</c> (the strata.dll built with the bench) on a free loopback port over a data directory,
/// without its worker: the page is what is measured, and the data is already made.</summary>
public sealed class ServeProcess : IDisposable
{
    private const string Listening = "strata serve: listening on ";

    private readonly Process _process;

    private ServeProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public static async Task<ServeProcess> StartAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { StrataCli.DllPath, "--data-dir", dataDirectory, "serve", "--urls", "http://127.0.0.1:0", "--no-worker" })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith(Listening, StringComparison.Ordinal)) continue;
            // Keep reading standard output so the server never blocks on a full pipe.
            _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            return new ServeProcess(process, new Uri(line[Listening.Length..].Split(' ')[0]));
        }
        await process.WaitForExitAsync(cancellationToken);
        var said = await errors;
        process.Dispose();
        throw new InvalidOperationException($"strata serve exited {process.ExitCode} before listening: {said}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
