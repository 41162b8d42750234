using System.Diagnostics;
using System.Net.Http.Headers;

namespace Strata.Acceptance.Tests.Support;

/// <summary>A real <c>strata serve</c> process on a free loopback port, with an operator's environment, and HTTP clients
/// for it: REST as a user sees it.</summary>
public sealed class ServeChild : IDisposable
{
    private const string Listening = "strata serve: listening on ";

    private readonly Process _process;
    private readonly Task<string> _stderr;

    private ServeChild(Process process, Uri baseAddress, Task<string> stderr)
    {
        _process = process;
        BaseAddress = baseAddress;
        _stderr = stderr;
    }

    public Uri BaseAddress { get; }

    /// <summary>Whether the server process ended (a crash shows here).</summary>
    public bool HasExited => _process.HasExited;

    public static async Task<ServeChild> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = StrataProcess.StartInfo(dataDirectory, ["serve", "--urls", "http://127.0.0.1:0", .. args]);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith(Listening, StringComparison.Ordinal)) continue;
            // Keep reading standard output so the server never blocks on a full pipe.
            _ = process.StandardOutput.ReadToEndAsync();
            return new ServeChild(process, new Uri(line[Listening.Length..].Split(' ')[0]), stderr);
        }
        await process.WaitForExitAsync();
        throw new Xunit.Sdk.XunitException($"strata serve exited with {process.ExitCode} before listening: {await stderr}");
    }

    /// <summary>A client for <c>/v1</c> with the user's API key.</summary>
    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseAddress, "v1/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        _ = _stderr;
    }
}
