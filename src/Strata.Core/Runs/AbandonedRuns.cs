using Strata.Core.Jobs;
using Strata.Core.Storage;

namespace Strata.Core.Runs;

/// <summary>
/// A run left unfinished by a job that will never run again (its attempts ran out, or it was cancelled) is failed,
/// naming why, instead of staying pending or running for ever: whoever notices first (a caller waiting for it, the
/// run-timeout maintenance) records it.
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

    /// <summary>Fails the run with <paramref name="error"/> unless it finished meanwhile; returns whether it failed it.</summary>
    public static async Task<bool> FailAsync(IStrataStore store, string userId, string runId, string error, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var session = await store.OpenAsync(userId, write: true, cancellationToken);
        var run = await session.Runs.GetAsync(runId, cancellationToken);
        if (run is null || run.IsFinished) return false;
        var failed = await session.Runs.FinishAsync(run with
        {
            Status = RunStatuses.Failed,
            ItemsCount = 0,
            ObservationsCreated = 0,
            UnknownFieldsCount = 0,
            Error = error,
            CompletedAt = now,
        }, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return failed;
    }
}
