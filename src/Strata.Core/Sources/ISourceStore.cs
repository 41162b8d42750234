namespace Strata.Core.Sources;

public interface ISourceStore
{
    Task<Source?> GetAsync(string sourceId, CancellationToken cancellationToken);

    Task<Source?> FindByHashAsync(string contentHash, CancellationToken cancellationToken);

    Task InsertAsync(Source source, CancellationToken cancellationToken);

    /// <summary>Settles a pending upload: <c>uploaded</c>, or <c>failed</c> with the error. False when the source is
    /// not pending (already settled by another attempt), and nothing changes.</summary>
    Task<bool> SettleUploadAsync(string sourceId, string storageStatus, string? storageError, CancellationToken cancellationToken);

    Task<(IReadOnlyList<Source> Items, int Total)> ListAsync(Paging paging, CancellationToken cancellationToken);
}
