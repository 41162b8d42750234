namespace Strata.Core.Runs;

public interface IRunStore
{
    Task<Run?> GetAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Inserts the run unless it exists; returns whether it was inserted.</summary>
    Task<bool> InsertAsync(Run run, CancellationToken cancellationToken);

    /// <summary>Records the outcome of a run (status, counters, error, completion time).</summary>
    Task FinishAsync(Run run, CancellationToken cancellationToken);

    Task<(IReadOnlyList<Run> Items, int Total)> ListAsync(string? sourceId, Paging paging, CancellationToken cancellationToken);
}
