namespace Strata.Core.Jobs;

/// <summary>One unit of background work as the queue keeps it.</summary>
/// <param name="Payload">JSON the job's handler reads; the queue never looks inside.</param>
/// <param name="UserId">The user the work is for; null for maintenance that spans users.</param>
/// <param name="Attempt">How many times the job has been claimed (the current claim included).</param>
/// <param name="Subject">The id of what the job works on (a run, a source), so related jobs can be found and released.</param>
/// <param name="UniqueKey">At most one job ever holds a given key: enqueueing it again is a no-op.</param>
public sealed record Job(
    long Id,
    string Kind,
    string Payload,
    string? UserId,
    string State,
    int Attempt,
    int MaxAttempts,
    DateTimeOffset ScheduledAt,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt,
    string? LastError,
    string? Subject,
    string? UniqueKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>The claim this row records; only meaningful while the job is running.</summary>
    public JobLease Lease => new(Id, LeaseOwner ?? "", Attempt);

    public bool IsLastAttempt => Attempt >= MaxAttempts;

    /// <summary>The W3C traceparent of the span that queued the job (null outside a trace): the worker's span is its child.</summary>
    public string? TraceParent { get; init; }
}

/// <summary>
/// What fences a worker's writes: a job is settled only by the holder of this exact claim. After a lease is
/// rescued or the job is taken again, the owner or the attempt no longer match and the late write changes nothing.
/// </summary>
public sealed record JobLease(long JobId, string Owner, int Attempt);

public static class JobStates
{
    public const string Available = "available";
    public const string Running = "running";
    public const string Retryable = "retryable";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Available, Running, Retryable, Completed, Failed, Cancelled];
}
