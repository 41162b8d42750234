using System.Diagnostics;

namespace Strata.Acceptance.Tests.Support;

/// <summary>A <c>strata</c> process the test starts and may kill (<see cref="Process.Kill()"/> is SIGKILL on Unix:
/// the process gets no chance to clean up, as with <c>kill -9</c>).</summary>
public sealed class StrataChild : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private StrataChild(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static StrataChild Start(string dataDirectory, params string[] args)
    {
        return new StrataChild(Process.Start(StrataProcess.StartInfo(dataDirectory, args))!);
    }

    /// <summary>As <see cref="Start(string, string[])"/>, with these environment variables set for the child.</summary>
    public static StrataChild Start(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = StrataProcess.StartInfo(dataDirectory, args);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return new StrataChild(Process.Start(start)!);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL, then waits until the process is gone; returns what it had written.</summary>
    public async Task<(int Exit, string Out, string Error)> KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        return (_process.ExitCode, await _stdout, await _stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
