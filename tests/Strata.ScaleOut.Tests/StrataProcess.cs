using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Strata.ScaleOut.Tests;

/// <summary>A <c>strata</c> process (serve or worker) with its output kept for the failure message.</summary>
public sealed class StrataProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private StrataProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool Exited => _process.HasExited;

    public static StrataProcess Start(string name, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "strata.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return new StrataProcess(Process.Start(start)!, name);
    }

    /// <summary>Waits for the process to end and for all of its output to arrive.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit(); // the parameterless overload also waits for the redirected output to drain
    }

    /// <summary>SIGKILL: no drain, no cleanup — what a crashed or killed machine does.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public string Output()
    {
        lock (_output) return $"--- {Name} (pid {_process.Id}) ---\n" + string.Join('\n', _output.TakeLast(40));
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
