namespace Strata.Core.Documents;

/// <summary>The queries of <see cref="IDocumentBlockStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IDocumentBlockReader
{
    /// <summary>A document's blocks in reading order, one page (the cursor is the last index).</summary>
    Task<Page<StoredBlock>> ListAsync(string documentId, Paging paging, CancellationToken cancellationToken);

    Task<StoredBlock?> GetAsync(string blockUid, CancellationToken cancellationToken);
}

/// <summary>The blocks of the session's user's documents.</summary>
public interface IDocumentBlockStore : IDocumentBlockReader
{
    /// <summary>Writes blocks of one conversion; a block already there (a retried batch) is left as it is. Returns how many were written.</summary>
    Task<int> InsertManyAsync(string documentId, string convUid, IReadOnlyList<DocumentBlock> blocks, CancellationToken cancellationToken);

    /// <summary>Removes every block of the document; returns how many.</summary>
    Task<int> DeleteByDocumentAsync(string documentId, CancellationToken cancellationToken);
}
