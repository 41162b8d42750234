namespace Strata.Core.Runs;

/// <summary>The queries of <see cref="IRunStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IRunReader
{
    Task<Run?> GetAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Newest first; archived runs only when <paramref name="includeArchived"/>.</summary>
    Task<Page<Run>> ListAsync(string? sourceId, Paging paging, bool includeArchived, CancellationToken cancellationToken);
}

public interface IRunStore : IRunReader
{
    /// <summary>Inserts the run unless it exists; returns whether it was inserted.</summary>
    Task<bool> InsertAsync(Run run, CancellationToken cancellationToken);

    /// <summary>Moves a pending (or re-tried running) run to running with a fresh heartbeat; false when it has finished.</summary>
    Task<bool> StartAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Beats a running run's heartbeat; false when it is no longer running.</summary>
    Task<bool> BeatAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records the outcome (status, counters, error, completion time) of a run that has not finished yet;
    /// false, and nothing changes, when it already has (a run timed out meanwhile keeps its timeout).</summary>
    Task<bool> FinishAsync(Run run, CancellationToken cancellationToken);

    /// <summary>Records a running run's progress (and beats its heartbeat) if it is still running and still at
    /// <paramref name="expectedItems"/>; false, and nothing changes, when it finished or another worker moved it on.</summary>
    Task<bool> ProgressAsync(string runId, int expectedItems, RunProgress progress, DateTimeOffset now, CancellationToken cancellationToken);
}
