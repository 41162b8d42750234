namespace Strata.Core.Jobs;

/// <summary>How a handler's attempt ended, and so how the runner settles the job.</summary>
public sealed record JobResult
{
    private JobResult(JobResultKind kind, string? error = null, DateTimeOffset? at = null)
    {
        Kind = kind;
        Error = error;
        At = at;
    }

    public JobResultKind Kind { get; }

    public string? Error { get; }

    /// <summary>When a snoozed or retried job is due again.</summary>
    public DateTimeOffset? At { get; }

    public static JobResult Completed { get; } = new(JobResultKind.Completed);

    /// <summary>The handler settled the job itself, inside the transaction that recorded its work.</summary>
    public static JobResult Settled { get; } = new(JobResultKind.Settled);

    /// <summary>The handler's fenced write of its outcome found the lease gone (rescued, or the job cancelled): its
    /// work was rolled back and the runner reports the lost lease.</summary>
    public static JobResult LeaseLost { get; } = new(JobResultKind.LeaseLost);

    public static JobResult SnoozeUntil(DateTimeOffset at) => new(JobResultKind.Snoozed, at: at);

    public static JobResult RetryAt(string error, DateTimeOffset at) => new(JobResultKind.Retry, error, at);

    /// <summary>Failed for good: not retried whatever attempts remain.</summary>
    public static JobResult Fail(string error) => new(JobResultKind.Failed, error);
}

public enum JobResultKind
{
    Completed,
    Settled,
    LeaseLost,
    Snoozed,
    Retry,
    Failed,
}
