using Strata.Core.Jobs;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Maintenance;

/// <summary>
/// Deletes source blobs that no source refers to: bytes put in the blob store by an ingest that then rolled back, or
/// by a process killed between writing the bytes and committing their source. A rollback never deletes a blob itself
/// (another ingest of the same bytes may have committed it), so this is the one place they go. Only blobs last written
/// more than <see cref="WorkerOptions.OrphanBlobGrace"/> ago are considered, so an ingest between its upload and its
/// commit (which rewrites the blob, renewing its time) is never swept from under it.
/// </summary>
public sealed class OrphanBlobSweeper(IStrataStore store, IBlobStore blobs, WorkerOptions options, TimeProvider clock)
{
    private const string SourcesPrefix = "sources/";

    /// <summary>Returns how many blobs were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.OrphanBlobGrace;
        var deleted = 0;
        await foreach (var blob in blobs.ListAsync(SourcesPrefix, cancellationToken))
        {
            if (blob.LastModified >= cutoff || ParseKey(blob.Key) is not var (userId, contentHash)) continue;
            await using (var session = await store.OpenReadAsync(userId, cancellationToken))
            {
                if (await session.Sources.FindByHashAsync(contentHash, cancellationToken) is not null) continue;
            }
            await blobs.DeleteAsync(blob.Key, cancellationToken);
            deleted++;
        }
        return deleted;
    }

    /// <summary>The user and hash of a <c>sources/{user_id}/{sha256}</c> key; null for anything else, which is left alone.</summary>
    private static (string UserId, string ContentHash)? ParseKey(string key)
    {
        var parts = key.Split('/');
        return parts.Length == 3 && parts[0] == "sources" && parts[1].Length > 0
            && parts[2].Length == 64 && parts[2].All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c))
            ? (parts[1], parts[2])
            : null;
    }
}
