using System.Globalization;

namespace Strata.Core.Storage;

/// <summary>
/// A hidden hook for crash tests: with <c>STRATA_TEST_HOLD_AT=NAME:MARKER</c>, a process that reaches the point NAME
/// (inside its transaction) writes the file MARKER and waits there until it is killed. A <c>kill -9</c> test then knows
/// the process is inside the transaction by a signal from inside it, not by timing. Unset, as always outside tests, it
/// is one comparison with a value read once.
/// </summary>
public static class HoldPoint
{
    public const string Variable = "STRATA_TEST_HOLD_AT";

    private static readonly string? Setting = Environment.GetEnvironmentVariable(Variable);

    public static async Task ReachedAsync(string name, CancellationToken cancellationToken)
    {
        if (Setting is null || !Setting.StartsWith(name + ":", StringComparison.Ordinal)) return;
        await File.WriteAllTextAsync(Setting[(name.Length + 1)..], Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
