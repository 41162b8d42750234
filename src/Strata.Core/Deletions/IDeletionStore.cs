namespace Strata.Core.Deletions;

/// <summary>The session's user's delete audit.</summary>
public interface IDeletionStore
{
    Task InsertAsync(Deletion deletion, CancellationToken cancellationToken);

    /// <summary>Newest first, one page.</summary>
    Task<Page<Deletion>> ListAsync(Paging paging, CancellationToken cancellationToken);
}
