namespace Strata.Core.Jobs;

/// <summary>Does the work of one kind of job.</summary>
public interface IJobHandler
{
    string Kind { get; }

    /// <summary>When an attempt that threw is tried again.</summary>
    RetryPolicy Retry { get; }

    /// <summary>Does the work. An exception is a failed attempt (retried per <see cref="Retry"/>); a handler that must
    /// record something when it gives up catches its own failures and returns <see cref="JobResult.Fail"/>.</summary>
    Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken);
}
