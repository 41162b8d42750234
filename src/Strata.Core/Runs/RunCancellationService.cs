using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Storage;

namespace Strata.Core.Runs;

/// <summary>
/// <c>cancel_run</c>: a pending or running run becomes cancelled, and the items a worker had claimed go back to pending,
/// in one transaction. A worker in this process stops the run's calls at once (<see cref="RunStops"/>); one in another
/// process stops them at its next heartbeat or commit, and commits nothing more. The run's job then ends by itself.
/// Observations already committed stay: a run is never edited, only stopped.
/// </summary>
public sealed class RunCancellationService(IStrataStore store, RunStops stops, TimeProvider clock)
{
    /// <exception cref="StrataException"><c>RUN_NOT_FOUND</c> (another user's run answers the same);
    /// <c>RUN_NOT_CANCELLABLE</c> when it has already finished.</exception>
    public async Task<RunView> CancelAsync(string userId, string runId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Run cancelled;
        await using (var session = await store.OpenWriteAsync(userId, cancellationToken))
        {
            var run = await session.Runs.GetAsync(runId, cancellationToken)
                ?? throw new StrataException(ErrorCodes.RunNotFound, $"No run {runId}.");
            if (run.IsFinished) throw NotCancellable(run);
            // Null when it finished between the read and the write (the write session serialises writers).
            cancelled = await RunLedger.CancelAsync(session, run, "Cancelled by the user.", now, cancellationToken)
                ?? throw NotCancellable(await session.Runs.GetAsync(runId, cancellationToken) ?? run);
            await session.CommitAsync(cancellationToken);
        }
        stops.Stop(runId);
        return Views.Of(cancelled);
    }

    private static StrataException NotCancellable(Run run) => new(ErrorCodes.RunNotCancellable,
        $"Run {run.Id} has already finished ({run.Status}{(run.CompletedAt is { } at ? " at " + at.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "")}); "
        + "only a pending or running run can be cancelled. Start a new one with reinterpret.");
}
