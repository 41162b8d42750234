using Strata.Core.Deletions;
using Strata.Core.Hashing;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Documents.Lifecycle;

/// <summary>
/// Removes documents inside the caller's write transaction: each document's blocks and row, then its source when nothing
/// else uses it (no other document, no run: a source that was stored only to be this document), with its bytes waiting
/// for upload and its share of the storage quota. The blobs of removed sources are deleted by
/// <see cref="DeleteBlobsAsync"/> once the transaction committed (a rollback must not lose bytes a source still names).
/// </summary>
internal sealed class DocumentRemoval(IStoreSession session, DateTimeOffset now)
{
    private readonly List<Source> _removedSources = [];

    public long Documents { get; private set; }

    public long Blocks { get; private set; }

    public long Sources => _removedSources.Count;

    /// <summary>Block runs over the removed documents, deleted with them (each audited as its own deletion too).</summary>
    public long BlockRuns { get; private set; }

    /// <summary>Entities that existed only by those runs' confirmed values, removed with them.</summary>
    public long Entities { get; private set; }

    public async Task RemoveAsync(Document document, CancellationToken cancellationToken)
    {
        // Its block runs first: their values and runs refer to the document's source and blocks.
        var runs = await Review.BlockRunRemoval.DeleteForDocumentAsync(session, document.Id, now, cancellationToken);
        BlockRuns += runs.Count;
        Entities += runs.Sum(r => r.EntitiesRemoved);
        Blocks += await session.DocumentBlocks.DeleteByDocumentAsync(document.Id, cancellationToken);
        if (await session.Documents.DeleteAsync(document.Id, cancellationToken)) Documents++;
        await RemoveSourceIfUnusedAsync(document.SourceId, cancellationToken);
    }

    /// <summary>Removes the source when no document and no run use it.</summary>
    public async Task RemoveSourceIfUnusedAsync(string sourceId, CancellationToken cancellationToken)
    {
        if (await session.Documents.CountBySourceAsync(sourceId, cancellationToken) > 0) return;
        if ((await session.Runs.ListAsync(sourceId, new Paging(1), includeArchived: true, cancellationToken)).Items.Count > 0) return;
        if (await session.Sources.GetAsync(sourceId, cancellationToken) is not { } source) return;
        await session.PendingBytes.DeleteAsync(source.Id, cancellationToken);
        if (!await session.Sources.DeleteAsync(source.Id, cancellationToken)) return;
        await session.Usage.TryAddBytesAsync(-Usage.StorageCost.Of(source.ByteSize), null, cancellationToken);
        _removedSources.Add(source);
    }

    /// <summary>The audit row, written in the same transaction as the removal.</summary>
    public async Task<Deletion> AuditAsync(string kind, string subjectId, string? name, long projects, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = new Dictionary<string, long>
        {
            ["projects"] = projects,
            ["documents"] = Documents,
            ["blocks"] = Blocks,
            ["sources"] = Sources,
            ["block_runs"] = BlockRuns,
            ["entities"] = Entities,
        };
        var deletion = new Deletion(StrataIds.NewDeletion(), session.UserId, kind, subjectId, name, removed, now);
        await session.Deletions.InsertAsync(deletion, cancellationToken);
        return deletion;
    }

    /// <summary>After commit: the bytes of the sources removed, unless a source of the same bytes was stored again
    /// meanwhile (then the blob is its own). A blob left behind by a failure here is collected by the orphan sweep.</summary>
    public async Task<long> DeleteBlobsAsync(IStrataStore store, IBlobStore blobs, CancellationToken cancellationToken)
    {
        long deleted = 0;
        foreach (var source in _removedSources)
        {
            await using (var read = await store.OpenReadAsync(source.UserId, cancellationToken))
            {
                if (await read.Sources.FindByHashAsync(source.ContentHash, cancellationToken) is not null) continue;
            }
            await blobs.DeleteAsync(source.BlobKey, cancellationToken);
            deleted++;
        }
        return deleted;
    }
}
