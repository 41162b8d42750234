namespace Strata.Core.Deletions;

/// <summary>
/// A hook for the kill -9 tests of forgetting: with <c>STRATA_TEST_FORGET_PAUSE</c> set to <c>before-commit</c> (every
/// removal done, the transaction still open) or <c>before-purge</c> (committed, the bytes not yet deleted), a forgetting
/// delete writes the file named by <c>STRATA_TEST_FORGET_PAUSE_FILE</c> when it reaches that point and then waits until it
/// is killed. The test learns from inside that the process is exactly there, instead of guessing by time. Unset, nothing
/// happens.
/// </summary>
internal static class ForgetPause
{
    public const string BeforeCommit = "before-commit";

    public const string BeforePurge = "before-purge";

    public static async Task AtAsync(string point, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("STRATA_TEST_FORGET_PAUSE") != point) return;
        if (Environment.GetEnvironmentVariable("STRATA_TEST_FORGET_PAUSE_FILE") is not { Length: > 0 } file) return;
        await File.WriteAllTextAsync(file, point, cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
