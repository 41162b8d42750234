namespace Strata.Core.Sources;

/// <summary>The queries of <see cref="ISourceStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface ISourceReader
{
    Task<Source?> GetAsync(string sourceId, CancellationToken cancellationToken);

    Task<Source?> FindByHashAsync(string contentHash, CancellationToken cancellationToken);

    /// <summary>Newest first, one page (see <see cref="Paging"/>).</summary>
    Task<Page<Source>> ListAsync(Paging paging, CancellationToken cancellationToken);
}

public interface ISourceStore : ISourceReader
{
    /// <summary>Records a new source. <see cref="SourceInsert.AlreadyStored"/> when a source with the same bytes is
    /// already there — committed by a concurrent ingest of the same bytes — and nothing is written; the transaction
    /// stays usable, so the caller can roll back and read the winner.</summary>
    Task<SourceInsert> InsertAsync(Source source, CancellationToken cancellationToken);

    /// <summary>Settles a pending upload: <c>uploaded</c>, or <c>failed</c> with the error. False when the source is
    /// not pending (already settled by another attempt), and nothing changes.</summary>
    Task<bool> SettleUploadAsync(string sourceId, string storageStatus, string? storageError, CancellationToken cancellationToken);

    /// <summary>Reopens a source whose upload finally failed, now that its bytes were offered again: <c>uploaded</c>, or
    /// <c>pending</c> with the new error. False when the source is not failed, and nothing changes.</summary>
    Task<bool> ReopenFailedUploadAsync(string sourceId, string storageStatus, string? storageError, CancellationToken cancellationToken);

    /// <summary>Removes the source row (nothing may refer to it any more: no run, no document); false when there was none.</summary>
    Task<bool> DeleteAsync(string sourceId, CancellationToken cancellationToken);
}

/// <summary>What <see cref="ISourceStore.InsertAsync"/> did.</summary>
public enum SourceInsert
{
    Inserted,

    /// <summary>The user already has a source with these bytes (the same content hash, hence the same id).</summary>
    AlreadyStored,
}
