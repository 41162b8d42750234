using Strata.Core.Documents.Lifecycle;
using Strata.Core.Entities;
using Strata.Core.Errors;
using Strata.Core.Runs;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Deletions;

/// <summary>
/// Forgets one source inside the caller's write transaction: its document (block runs, blocks) when it is one, every run
/// made from it with the run's items, raw fragments, observations and their evidence, the chat-import rows that name it,
/// the entities only it fed (the others settled, <see cref="EntityRemoval"/>), its bytes waiting for upload and its share
/// of the storage quota, then the source row. A run still at work (status running) holds the delete back with
/// <c>CONFLICT</c>: its worker would go on writing what was just forgotten; a pending one is deleted, and its job finds nothing to do.
/// </summary>
internal sealed class SourceRemoval(IStoreSession session, DateTimeOffset now)
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public async Task RemoveAsync(Source source, CancellationToken cancellationToken)
    {
        var runs = await session.Deletions.RunsOfSourceAsync(source.Id, cancellationToken);
        if (runs.FirstOrDefault(r => r.Status == RunStatuses.Running) is { } running)
        {
            throw new StrataException(ErrorCodes.Conflict,
                $"Source {source.Id} is being interpreted by run {running.Id}; cancel the run (strata runs cancel {running.Id}) or let it finish, then delete the source.");
        }
        // The user's storage counter is held first, as every write holds it (charging its bytes) before it writes to
        // entities: taken last, it would wait on a write that waits on an entity this delete holds.
        await session.Usage.TryAddBytesAsync(0, null, cancellationToken);
        // Its document first: the block runs over its blocks are runs of this source too, with review rows of their own.
        var document = new DocumentRemoval(session, now);
        if (await session.Documents.FindBySourceAsync(source.Id, cancellationToken) is { } found)
        {
            await session.Documents.LockAsync(found.Id, cancellationToken);
            await document.RemoveAsync(found, cancellationToken);
        }
        Add("documents", document.Documents);
        Add("blocks", document.Blocks);
        Add("block_runs", document.BlockRuns);
        Add("entities", document.Entities);

        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in await session.Deletions.RunsOfSourceAsync(source.Id, cancellationToken))
        {
            var observations = await session.Deletions.DeleteObservationsAsync(ObservationSelection.OfRun(run.Id), cancellationToken);
            touched.UnionWith(observations.Entities);
            var rest = await session.Deletions.DeleteRunAsync(run.Id, cancellationToken);
            Add("observations", observations.Observations);
            Add("evidence", observations.Evidence);
            Add("block_values", observations.BlockValues);
            Add("run_items", rest.Items);
            Add("raw_fragments", rest.Fragments);
            Add("runs", rest.Run ? 1 : 0);
        }
        Add("conversations", await session.Deletions.DeleteConversationsOfSourceAsync(source.Id, cancellationToken));
        Add("entities", await EntityRemoval.SettleAsync(session, touched, cancellationToken));

        // The document's removal takes the source itself when no run was left on it; else it goes here.
        var sources = document.Sources;
        if (await session.Sources.GetAsync(source.Id, cancellationToken) is not null)
        {
            await session.PendingBytes.DeleteAsync(source.Id, cancellationToken);
            if (await session.Sources.DeleteAsync(source.Id, cancellationToken))
            {
                await session.Usage.TryAddBytesAsync(-Usage.StorageCost.Of(source.ByteSize), null, cancellationToken);
                sources++;
            }
        }
        Add("sources", sources);
    }

    public IReadOnlyDictionary<string, long> Counts() => _counts;

    private void Add(string kind, long count) => _counts[kind] = _counts.GetValueOrDefault(kind) + count;
}
