namespace Strata.Core.Runs.Items;

/// <summary>The queries of <see cref="IRunItemStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IRunItemReader
{
    /// <summary>Index order, paged by cursor (<see cref="RunItemPages"/>); only items of <paramref name="status"/> when given.</summary>
    Task<Page<RunItem>> ListAsync(string runId, string? status, Paging paging, CancellationToken cancellationToken);

    /// <summary>One item by its index; null when the run has none such.</summary>
    Task<RunItem?> GetAsync(string runId, int index, CancellationToken cancellationToken);

    Task<RunItemSummary> SummarizeAsync(string runId, CancellationToken cancellationToken);
}

/// <summary>A run's items, inside the caller's transaction and user.</summary>
public interface IRunItemStore : IRunItemReader
{
    /// <summary>Inserts the items that do not exist yet (a retried run inserts nothing new); returns how many it inserted.</summary>
    Task<int> InsertManyAsync(IReadOnlyList<RunItem> items, CancellationToken cancellationToken);

    /// <summary>Marks the run's pending items claimed (attempts + 1) and returns them in index order.</summary>
    Task<IReadOnlyList<RunItem>> ClaimPendingAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Returns the run's claimed items to pending (their holder died, or the run was cancelled); returns how many.</summary>
    Task<int> ReleaseClaimedAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records a claimed item's end (status, tokens, cost, calls, error, raw output); false, and nothing changes, when it is not claimed.</summary>
    Task<bool> FinishAsync(RunItem item, CancellationToken cancellationToken);
}
