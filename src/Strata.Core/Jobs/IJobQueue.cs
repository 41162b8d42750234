namespace Strata.Core.Jobs;

/// <summary>The queries of <see cref="IJobQueue"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IJobReader
{
    Task<Job?> GetAsync(long jobId, CancellationToken cancellationToken);

    /// <summary>The newest job of <paramref name="kind"/> about <paramref name="subject"/> (a run's interpretation),
    /// or null when there is none; inside a session, only the session user's jobs.</summary>
    Task<Job?> FindBySubjectAsync(string kind, string subject, CancellationToken cancellationToken);

    /// <summary>Queue depth: the number of jobs by kind and state.</summary>
    Task<IReadOnlyList<JobCount>> CountAsync(CancellationToken cancellationToken);

    /// <summary>The number of jobs of <paramref name="kind"/> about <paramref name="subject"/> by state (a background run
    /// queued more than once, as the embedding backfill is per conversion); inside a session, only the session user's jobs.</summary>
    Task<IReadOnlyList<JobCount>> CountBySubjectAsync(string kind, string subject, CancellationToken cancellationToken);
}

/// <summary>
/// The durable job queue. Claims are atomic (one statement on SQLite, <c>FOR UPDATE SKIP LOCKED</c> on
/// PostgreSQL), settling is fenced on the lease, and "now" is the store's injected clock.
/// Reached through <see cref="Storage.IStrataStore.Jobs"/> (each call its own transaction) or through a session's
/// <see cref="Storage.IStoreSession.Jobs"/> (inside that session's transaction, so a job is enqueued or settled
/// atomically with the work it describes).
/// </summary>
public interface IJobQueue : IJobReader
{
    /// <summary>Adds a job; returns its id, or null when a job with the same unique key already exists.</summary>
    Task<long?> EnqueueAsync(JobRequest request, CancellationToken cancellationToken);

    /// <summary>Takes the next due job of the claimed kinds and leases it, or returns null when none is due.</summary>
    Task<Job?> ClaimAsync(JobClaim claim, CancellationToken cancellationToken);

    /// <summary>Pushes the lease's expiry to now + <paramref name="leaseFor"/>; false when the lease is no longer held.</summary>
    Task<bool> ExtendLeaseAsync(JobLease lease, TimeSpan leaseFor, CancellationToken cancellationToken);

    /// <summary>Marks the job completed; false (and nothing changes) when the lease is no longer held.</summary>
    Task<bool> CompleteAsync(JobLease lease, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt: retryable at <paramref name="retryAt"/> while attempts remain, otherwise (or
    /// when <paramref name="retryAt"/> is null) failed for good. Returns the new state, or null when the lease is no longer held.</summary>
    Task<string?> FailAsync(JobLease lease, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken);

    /// <summary>Puts the job back until <paramref name="runAt"/> without spending an attempt (it waits for something else).</summary>
    Task<bool> SnoozeAsync(JobLease lease, DateTimeOffset runAt, CancellationToken cancellationToken);

    /// <summary>Returns jobs whose lease expired (their worker died or hung) to the queue, due at once (the work was
    /// not at fault: its process was), or fails them when no attempts remain. Returns how many it touched. Cheap when
    /// nothing expired, so every command that opens the store may call it.</summary>
    Task<int> RescueExpiredAsync(CancellationToken cancellationToken);

    /// <summary>Deletes completed, failed and cancelled jobs that finished before the cutoff.</summary>
    Task<int> PruneAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken);
}
