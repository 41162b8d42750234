namespace Strata.Core.Jobs;

/// <summary>A job to add to the queue.</summary>
public sealed record JobRequest(string Kind, string Payload, string? UserId = null)
{
    public int MaxAttempts { get; init; } = 5;

    /// <summary>When the job becomes due; now when null.</summary>
    public DateTimeOffset? RunAt { get; init; }

    public string? Subject { get; init; }

    public string? UniqueKey { get; init; }
}

/// <summary>What a worker asks the queue for.</summary>
/// <param name="Owner">The worker's id, recorded as the lease owner.</param>
/// <param name="Kinds">Only jobs of these kinds (the ones the worker has handlers for).</param>
/// <param name="LeaseFor">How long the claim holds before the rescuer may hand the job to another worker.</param>
public sealed record JobClaim(string Owner, IReadOnlyCollection<string> Kinds, TimeSpan LeaseFor)
{
    /// <summary>Only the job about this subject (a caller waiting for one run works on that run's job).</summary>
    public string? Subject { get; init; }
}

/// <summary>How many jobs of one kind are in one state (queue depth).</summary>
public sealed record JobCount(string Kind, string State, long Count);
