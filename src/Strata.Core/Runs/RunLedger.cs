using Strata.Core.Jobs;
using Strata.Core.Runs.Items;
using Strata.Core.Storage;

namespace Strata.Core.Runs;

/// <summary>
/// The one owner of a run's lifecycle: the only code that inserts runs and moves them pending → running →
/// completed | failed | cancelled, beats them and records their progress (an architecture test fails when anything
/// else calls <see cref="IRunStore"/>'s state-changing methods). Every method works inside the caller's transaction
/// (<paramref name="session"/>), so a run moves together with the work it records — a slice's observations, the job
/// that settles, the items it gives back — except <see cref="FailAsync(IStrataStore, string, string, string, JobLease?, DateTimeOffset, CancellationToken)"/>,
/// which opens its own. A new kind of background work calls these and nothing else to keep its run.
/// <para>Work that is not a run (a webhook delivery, an embedding backfill, an upload, a conversion) settles its job
/// here too — <see cref="CommitWithJobAsync"/>: its own rows and the job's outcome in one transaction, fenced on the
/// lease — so no handler settles a job by hand (the same architecture test guards <see cref="IJobQueue"/>'s settling
/// methods). Only <see cref="JobRunner"/> settles a job outside a handler, from the <see cref="JobResult"/> it returns.</para>
/// </summary>
public static class RunLedger
{
    /// <summary>Records a new run (pending, or already running for a write done in the caller's own transaction);
    /// false when a run with its id exists.</summary>
    public static Task<bool> OpenAsync(IStoreSession session, Run run, CancellationToken cancellationToken) =>
        session.Runs.InsertAsync(run, cancellationToken);

    /// <summary>Moves a pending (or re-tried running) run to running with a fresh heartbeat; false when it has finished.</summary>
    public static Task<bool> StartAsync(IStoreSession session, string runId, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.Runs.StartAsync(runId, now, cancellationToken);

    /// <summary>A sign of life; false when the run is no longer running (cancelled, timed out, finished elsewhere).</summary>
    public static Task<bool> BeatAsync(IStoreSession session, string runId, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.Runs.BeatAsync(runId, now, cancellationToken);

    /// <summary>Beats the run in a transaction of its own (a job's heartbeat); false when it is no longer running.</summary>
    public static async Task<bool> BeatAsync(IStrataStore store, string userId, string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var running = await session.Runs.BeatAsync(runId, now, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return running;
    }

    /// <summary>Records a running run's counters so far, fenced on where the caller last left them
    /// (<paramref name="expectedItems"/>); false, and nothing changes, when it finished or another worker moved it on.</summary>
    public static Task<bool> ProgressAsync(IStoreSession session, string runId, int expectedItems, RunProgress progress, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        session.Runs.ProgressAsync(runId, expectedItems, progress, now, cancellationToken);

    /// <summary>
    /// Ends a run that did its work, under the one status rule (<see cref="RunVerdict"/>): with no item failed it is
    /// completed; with some failed it is completed saying how many of how many; with every item failed it is failed.
    /// Returns the finished run, or null when it had finished meanwhile (a timeout or a cancel keeps its outcome).
    /// </summary>
    /// <param name="items">The run's items counted by status; null for a run without items (rules, structured writes).</param>
    /// <param name="detail">Appended to the error when items failed: where to look, or the first failure.</param>
    public static async Task<Run?> CompleteAsync(IStoreSession session, Run current, RunProgress progress, RunItemSummary? items,
        DateTimeOffset now, CancellationToken cancellationToken, string? detail = null)
    {
        var verdict = RunVerdict.Of(items, detail);
        var finished = current with
        {
            Status = verdict.Status,
            ItemsCount = items?.Total ?? progress.Items,
            ObservationsCreated = progress.ObservationsCreated,
            UnknownFieldsCount = progress.UnknownFields,
            ValuesTooLong = progress.ValuesTooLong,
            Error = verdict.Error,
            CompletedAt = now,
        };
        if (!await session.Runs.FinishAsync(finished, cancellationToken)) return null;
        await Webhooks.RunEvents.CompletedAsync(session, finished, items?.Failed, now, cancellationToken);
        return finished;
    }

    /// <summary>Cancels a run that has not finished and gives back the items a worker held; returns the cancelled run, or
    /// null when it had finished meanwhile.</summary>
    public static async Task<Run?> CancelAsync(IStoreSession session, Run current, string? error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cancelled = current with { Status = RunStatuses.Cancelled, Error = error, CompletedAt = now };
        if (!await session.Runs.FinishAsync(cancelled, cancellationToken)) return null;
        await session.RunItems.ReleaseClaimedAsync(current.Id, now, cancellationToken);
        return cancelled;
    }

    /// <summary>
    /// Fails a run that has not finished, in the caller's transaction: the error recorded, its counters kept as the
    /// committed work left them (what was written stays written), the items a worker held given back, and — when
    /// <paramref name="lease"/> is given — the job that worked on it failed for good. Returns whether it failed the run
    /// (false when it had finished meanwhile; the job is failed all the same, so it is not retried).
    /// </summary>
    public static async Task<bool> FailAsync(IStoreSession session, string runId, string error, JobLease? lease, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var current = await session.Runs.GetAsync(runId, cancellationToken);
        var ended = current is { IsFinished: false } ? current with { Status = RunStatuses.Failed, Error = error, CompletedAt = now } : null;
        var failed = ended is not null && await session.Runs.FinishAsync(ended, cancellationToken);
        if (failed)
        {
            await session.RunItems.ReleaseClaimedAsync(runId, now, cancellationToken);
            await Webhooks.RunEvents.CompletedAsync(session, ended!, itemsFailed: null, now, cancellationToken);
        }
        if (lease is not null) await session.Jobs.FailAsync(lease, error, retryAt: null, cancellationToken);
        return failed;
    }

    /// <summary>The same as <see cref="FailAsync(IStoreSession, string, string, JobLease?, DateTimeOffset, CancellationToken)"/>
    /// in a transaction of its own.</summary>
    public static async Task<bool> FailAsync(IStrataStore store, string userId, string runId, string error, JobLease? lease, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var failed = await FailAsync(session, runId, error, lease, now, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return failed;
    }

    /// <summary>Completes the job inside the caller's transaction, fenced on its lease: false when the lease is no longer
    /// held (rescued, cancelled), and then the caller must not commit — another attempt owns the work now.</summary>
    public static Task<bool> CompleteJobAsync(IStoreSession session, JobLease lease, CancellationToken cancellationToken) =>
        session.Jobs.CompleteAsync(lease, cancellationToken);

    /// <summary>
    /// The end of one attempt of any kind of work: settles the job as <paramref name="outcome"/> says (completed; retried
    /// at <see cref="JobResult.At"/>; failed for good) inside the caller's transaction and commits it with whatever the
    /// work wrote there — or, when the lease is no longer held, commits nothing and answers <see cref="JobResult.LeaseLost"/>.
    /// Returns what the handler returns: <see cref="JobResult.Settled"/> or <see cref="JobResult.LeaseLost"/>.
    /// </summary>
    public static async Task<JobResult> CommitWithJobAsync(IStoreSession session, JobLease lease, JobResult outcome, CancellationToken cancellationToken)
    {
        var held = outcome.Kind switch
        {
            JobResultKind.Completed => await session.Jobs.CompleteAsync(lease, cancellationToken),
            JobResultKind.Retry => await session.Jobs.FailAsync(lease, outcome.Error!, outcome.At, cancellationToken) is not null,
            JobResultKind.Failed => await session.Jobs.FailAsync(lease, outcome.Error!, retryAt: null, cancellationToken) is not null,
            _ => throw new ArgumentException($"A job is committed completed, retried or failed, not {outcome.Kind}.", nameof(outcome)),
        };
        if (!held) return JobResult.LeaseLost;
        await session.CommitAsync(cancellationToken);
        return JobResult.Settled;
    }

    /// <summary>Ends a held attempt that hung (its run's heartbeat went stale) as a failure, in a transaction of its own:
    /// retried at <paramref name="retryAt"/> while attempts remain. Returns the job's new state, or null when the lease had gone.</summary>
    public static Task<string?> FailAttemptAsync(IStrataStore store, JobLease lease, string error, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        store.Jobs.FailAsync(lease, error, retryAt, cancellationToken);
}
