using System.Diagnostics;

namespace Strata.Acceptance.Tests.Support;

/// <summary>A <c>strata</c> process the test starts and may kill (<see cref="Process.Kill()"/> is SIGKILL on Unix:
/// the process gets no chance to clean up, as with <c>kill -9</c>).</summary>
public sealed class StrataChild : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private string? _marker;

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

    /// <summary>Starts a child that stops at the hold point <paramref name="point"/> inside its transaction
    /// (<see cref="Strata.Core.Storage.HoldPoint"/>); <see cref="HeldAsync"/> says when it got there.</summary>
    public static StrataChild StartHeldAt(string point, string marker, string dataDirectory, string[] args,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StrataProcess.StartInfo(dataDirectory, args);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        start.Environment[Strata.Core.Storage.HoldPoint.Variable] = $"{point}:{marker}";
        return new StrataChild(Process.Start(start)!) { _marker = marker };
    }

    /// <summary>True once the child wrote its hold point's marker (it is inside the transaction and will stay there);
    /// false if it exited first.</summary>
    public async Task<bool> HeldAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5)); // a hang guard only
        while (!File.Exists(_marker))
        {
            if (_process.HasExited) return File.Exists(_marker);
            await Task.Delay(10, limit.Token);
        }
        return true;
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
