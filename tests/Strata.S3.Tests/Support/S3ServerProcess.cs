using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Strata.S3.Tests.Support;

/// <summary>A real s3rver (tests/s3-server/start.js) on 127.0.0.1, run by node as a child process.</summary>
internal sealed class S3ServerProcess : IDisposable
{
    /// <summary>s3rver's built-in account.</summary>
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    // Not a timing assumption: only a bound on how long a broken setup may hang the run before it says why.
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stderr;

    private S3ServerProcess(Process process, StringBuilder stderr, Uri endpoint, string directory)
    {
        _process = process;
        _stderr = stderr;
        Endpoint = endpoint;
        Directory = directory;
    }

    public Uri Endpoint { get; }

    public int Port => Endpoint.Port;

    /// <summary>Where s3rver keeps the buckets; a restart on it finds every object again.</summary>
    public string Directory { get; }

    /// <param name="port">0 lets the OS choose a free port; the returned server says which.</param>
    public static Task<S3ServerProcess> StartAsync(int port, string directory) =>
        StartAsync(port, directory, RepositoryPaths.S3Server);

    /// <param name="serverDir">The launcher's folder (tests/s3-server), with its node_modules installed.</param>
    public static async Task<S3ServerProcess> StartAsync(int port, string directory, string serverDir)
    {
        if (!System.IO.Directory.Exists(Path.Combine(serverDir, "node_modules", "s3rver")))
        {
            throw new InvalidOperationException($"s3rver is not installed: run npm ci in tests/s3-server ({serverDir}).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = serverDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "start.js", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--directory", directory })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception failure)
        {
            throw new InvalidOperationException("Cannot run node: install Node.js and put it on PATH for the S3 tests.", failure);
        }

        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        try
        {
            var endpoint = await WaitForReadyAsync(process, stderr);
            return new S3ServerProcess(process, stderr, endpoint, directory);
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: the server vanishes mid-whatever, as a crashed or unreachable S3 would.</summary>
    public void Kill() => Stop(_process);

    public void Dispose()
    {
        Stop(_process);
        _process.Dispose();
    }

    public override string ToString()
    {
        lock (_stderr) return $"s3rver at {Endpoint} in {Directory}; stderr: {_stderr}";
    }

    private static async Task<Uri> WaitForReadyAsync(Process process, StringBuilder stderr)
    {
        using var limit = new CancellationTokenSource(StartupLimit);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                if (line.StartsWith("ready ", StringComparison.Ordinal))
                {
                    return new Uri(line["ready ".Length..].Trim());
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"s3rver printed no 'ready' line within {StartupLimit}; stderr: {Read(stderr)}");
        }
        await process.WaitForExitAsync();
        throw new InvalidOperationException($"s3rver exited with code {process.ExitCode} before it was ready; stderr: {Read(stderr)}");
    }

    private static void Stop(Process process)
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    private static string Read(StringBuilder stderr)
    {
        lock (stderr) return stderr.ToString();
    }
}
