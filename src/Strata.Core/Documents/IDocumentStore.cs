namespace Strata.Core.Documents;

/// <summary>The queries of <see cref="IDocumentStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IDocumentReader
{
    Task<Document?> GetAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>The user's document of this source, in whichever project (a source is a document in one project at most).</summary>
    Task<Document?> FindBySourceAsync(string sourceId, CancellationToken cancellationToken);

    /// <summary>A project's documents in the order they were added, one page; only those of <paramref name="status"/> when given.</summary>
    Task<Page<Document>> ListAsync(string projectId, string? status, Paging paging, CancellationToken cancellationToken);

    /// <summary>Every document id of a project (for deleting it).</summary>
    Task<IReadOnlyList<Document>> ListAllAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>How many of the user's documents use the source.</summary>
    Task<int> CountBySourceAsync(string sourceId, CancellationToken cancellationToken);
}

/// <summary>The documents of the session's user.</summary>
public interface IDocumentStore : IDocumentReader
{
    /// <summary>Holds the document until commit, so of two deletes at once the second finds it gone (a no-op where the
    /// database serialises all writers).</summary>
    Task LockAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>False, and nothing is written, when the document (or another of the same source) exists already.</summary>
    Task<bool> InsertAsync(Document document, CancellationToken cancellationToken);

    /// <summary>uploaded (or converting, for a retried attempt) → converting, with the converter chosen; false when the
    /// document is settled or gone.</summary>
    Task<bool> StartConversionAsync(string documentId, string converter, string converterVersion, string convUid, DateTimeOffset now,
        CancellationToken cancellationToken);

    /// <summary>A converting document's sign of life (its updated_at); false when it is not converting any more (timed out).</summary>
    Task<bool> BeatAsync(string documentId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>converting → ingested with its block count; false when it is not converting any more.</summary>
    Task<bool> FinishConversionAsync(string documentId, int blockCount, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>→ conversion_failed with the error, from uploaded or converting; with <paramref name="staleBefore"/>
    /// only a conversion that made no progress since then. False when nothing changed.</summary>
    Task<bool> FailConversionAsync(string documentId, string error, DateTimeOffset now, DateTimeOffset? staleBefore,
        CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string documentId, CancellationToken cancellationToken);
}
