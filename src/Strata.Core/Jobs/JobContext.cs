namespace Strata.Core.Jobs;

/// <summary>What a handler gets with its job: the job as claimed, and a way to beat its own heartbeat alongside the lease's.</summary>
public sealed class JobContext(Job job, TimeProvider clock, TimeSpan leaseFor)
{

    private readonly List<Func<CancellationToken, Task>> _heartbeats = [];

    public Job Job { get; } = job;

    public JobLease Lease => Job.Lease;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>How long each heartbeat extends the lease: the length of the claim that took the job.</summary>
    public TimeSpan LeaseFor { get; } = leaseFor;

    /// <summary>Adds work the runner does on every heartbeat while this job runs (e.g. a run's heartbeat_at).</summary>
    public void OnHeartbeat(Func<CancellationToken, Task> beat)
    {
        lock (_heartbeats) _heartbeats.Add(beat);
    }

    internal IReadOnlyList<Func<CancellationToken, Task>> Heartbeats
    {
        get { lock (_heartbeats) return _heartbeats.ToList(); }
    }
}
