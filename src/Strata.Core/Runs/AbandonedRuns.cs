using Strata.Core.Jobs;

namespace Strata.Core.Runs;

/// <summary>
/// A run left unfinished by a job that will never run again (its attempts ran out, or it was cancelled) is failed,
/// naming why, instead of staying pending or running for ever: whoever notices first (a caller waiting for it, the
/// run-timeout maintenance) records it through <see cref="RunLedger"/>.
/// </summary>
public static class AbandonedRuns
{
    /// <summary>True when <paramref name="job"/> (the run's newest interpret job) will not work on the run again.</summary>
    public static bool IsAbandonedBy(Job? job) => job is null || job.State is JobStates.Completed or JobStates.Failed or JobStates.Cancelled;

    public static string ErrorFor(Job? job, string? why = null)
    {
        var cause = why ?? job?.LastError ?? "the job that would interpret it is gone";
        return job is null
            ? $"{RunErrors.Timeout}: {cause}"
            : $"{RunErrors.Timeout}: gave up after attempt {job.Attempt} of {job.MaxAttempts}; the last one ended with: {cause}";
    }
}
