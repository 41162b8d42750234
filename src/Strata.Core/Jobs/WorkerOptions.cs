namespace Strata.Core.Jobs;

/// <summary>How workers poll, lease and retry, and how often each maintenance job runs. Every value has a
/// configuration key under <c>Worker:</c> (see docs/operations.md).</summary>
public sealed record WorkerOptions
{
    /// <summary>Parallel job loops in one worker process.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>How long an idle loop waits before asking the queue again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claim holds without a heartbeat before the rescuer may give the job to another worker.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a running job extends its lease and its run's heartbeat; more often when the lease is short
    /// (at least five beats per lease), so one late beat never lets a live claim lapse.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The lease of a job run in-process by a caller waiting for its own run (<c>strata ingest</c>, a REST or
    /// MCP call that waits). Short, because such a process is often killed (Ctrl+C, <c>kill -9</c>) with no one
    /// left to hand its job back: the next command that opens the store returns the job to the queue once this lapses.</summary>
    public TimeSpan CallerLeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RescueEvery { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most a loop backs off after repeated errors (it doubles from <see cref="PollInterval"/>).</summary>
    public TimeSpan MaxErrorBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>On stop, how long jobs in flight may take to finish before they are cancelled (and their leases lapse).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int InterpretMaxAttempts { get; init; } = 3;

    /// <summary>How often an interpretation waiting for its source's upload looks again.</summary>
    public TimeSpan UploadWaitPoll { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Delays of the upload retries after the first failed upload; one retry per delay, then the source fails.</summary>
    public IReadOnlyList<TimeSpan> UploadRetryDelays { get; init; } =
        [TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(600)];

    /// <summary>A running run whose heartbeat is older than this has its attempt ended ("Timeout - no heartbeat") and
    /// retried with backoff; it fails only once its job's attempts are spent.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A document converting with no sign of life (a batch of blocks written) for this long is failed
    /// (<c>conversion_failed</c>) by the run-timeout maintenance job.</summary>
    public TimeSpan ConversionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Finished runs older than this are archived (kept, hidden from default listings).</summary>
    public TimeSpan ArchiveAfter { get; init; } = TimeSpan.FromDays(180);

    /// <summary>Pairs whose match probability (0..1, from every compared field) is at least this are reported as
    /// potential duplicates, unless their schema sets its own <c>duplicates.threshold</c>.</summary>
    public double DuplicateThreshold { get; init; } = 0.95;

    /// <summary>Finished jobs older than this are deleted from the queue.</summary>
    public TimeSpan PruneJobsAfter { get; init; } = TimeSpan.FromDays(7);

    /// <summary>A source blob no source refers to is deleted by the orphan sweep once it is older than this: far longer
    /// than any ingest takes between putting the bytes and committing their source.</summary>
    public TimeSpan OrphanBlobGrace { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long background work keeps retrying a blob store that cannot be reached before the attempt fails
    /// (<see cref="Sources.OutageTolerantBlobStore"/>): minutes, so a short S3 outage does not spend a run's attempts.</summary>
    public TimeSpan BlobOutageRetryFor { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The periodic maintenance jobs and how often each runs; a schedule that is absent does not run.</summary>
    public IReadOnlyList<PeriodicJob> Schedules { get; init; } =
    [
        new(JobKinds.RunTimeouts, TimeSpan.FromMinutes(5)),
        new(JobKinds.ArchiveRuns, TimeSpan.FromHours(1)),
        new(JobKinds.DetectDuplicates, TimeSpan.FromHours(1)),
        new(JobKinds.PruneJobs, TimeSpan.FromDays(1)),
        new(JobKinds.SweepOrphanBlobs, TimeSpan.FromHours(6)),
    ];
}

/// <summary>A job the worker enqueues once per period; the period's start is its unique key, so however many worker
/// processes share the database, each period's job runs once.</summary>
public sealed record PeriodicJob(string Kind, TimeSpan Every);
