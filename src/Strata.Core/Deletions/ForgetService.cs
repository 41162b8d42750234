using Strata.Core.Entities;
using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Operations;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Deletions;

/// <summary>
/// <c>delete_entity</c>, <c>delete_observation</c> and <c>delete_source</c>: forgetting on request. Each is one write
/// transaction: it checks ownership (another user's id answers exactly as one that never existed), deletes what is
/// forgotten with every row derived from it, settles the entities that lost observations (<see cref="EntityRemoval"/>:
/// removed when nothing observes them any more, else their snapshot, search entry, timeline, identity and blocking keys
/// and duplicate candidates computed again from what they still hold) and writes the audit row (ids and counts, never
/// content); a crash before the commit leaves everything as it was. Writers to the same entity or source wait for the
/// locks (PostgreSQL) or the single writer (SQLite) and then find it gone, so a later write creates it anew.
/// After the commit a forgotten source's bytes leave the blob store unless a source of the same bytes was stored again
/// meanwhile; bytes a crash left there are named by no source, and the orphan-blob sweep collects them.
/// </summary>
public sealed class ForgetService(IStrataStore store, IBlobStore blobs, TimeProvider clock)
{
    public async Task<DeleteResult> DeleteEntityAsync(string userId, string entityId, CancellationToken cancellationToken)
    {
        Deletion audit;
        await using (var session = await store.OpenWriteAsync(userId, cancellationToken))
        {
            // The entity the id answers as: a merged id is forgotten with the entity it became, as a read shows them as one.
            var current = await EntityAccess.GetCurrentForChangeAsync(session.Entities, entityId, cancellationToken);
            await session.Entities.LockForRemovalAsync([current.Id], cancellationToken);
            // Read again once held: a delete that was first has removed it.
            var entity = await session.Entities.GetAsync(current.Id, cancellationToken) ?? throw EntityAccess.NotFound(entityId);
            var observations = await session.Deletions.DeleteObservationsAsync(ObservationSelection.OnEntity(entity.Id), cancellationToken);
            var fragments = await session.Deletions.DeleteFragmentsOfEntityAsync(entity.Id, cancellationToken);
            await session.Deletions.ForgetFirstWriterAsync(entity.Id, cancellationToken);
            var entities = await EntityRemoval.SettleAsync(session, [.. observations.Entities, entity.Id], cancellationToken);
            audit = await CommitAsync(session, "entity", entity.Id, Counts(observations, fragments, entities), cancellationToken);
        }
        return Result(audit, audit.Removed);
    }

    public async Task<DeleteResult> DeleteObservationAsync(string userId, string observationId, CancellationToken cancellationToken)
    {
        Deletion audit;
        await using (var session = await store.OpenWriteAsync(userId, cancellationToken))
        {
            var observation = await session.Observations.GetAsync(observationId, cancellationToken) ?? throw NotFound(observationId);
            await session.Entities.LockForRemovalAsync([observation.EntityId], cancellationToken);
            var removed = await session.Deletions.DeleteObservationsAsync(ObservationSelection.One(observationId), cancellationToken);
            if (removed.Observations == 0) throw NotFound(observationId); // a delete that was first
            var fragments = observation.RunId is { } runId
                ? await session.Deletions.DeleteUnobservedFragmentsAsync(runId, observation.EntityId, cancellationToken)
                : 0;
            var entities = await EntityRemoval.SettleAsync(session, removed.Entities, cancellationToken);
            audit = await CommitAsync(session, "observation", observationId, Counts(removed, fragments, entities), cancellationToken);
        }
        return Result(audit, audit.Removed);
    }

    public async Task<DeleteResult> DeleteSourceAsync(string userId, string sourceId, CancellationToken cancellationToken)
    {
        Deletion audit;
        Source source;
        await using (var session = await store.OpenWriteAsync(userId, cancellationToken))
        {
            await session.Deletions.LockSourceAsync(sourceId, cancellationToken);
            source = await session.Sources.GetAsync(sourceId, cancellationToken)
                ?? throw new StrataException(ErrorCodes.SourceNotFound, $"No source {sourceId}.");
            var removal = new SourceRemoval(session, clock.GetUtcNow());
            await removal.RemoveAsync(source, cancellationToken);
            audit = await CommitAsync(session, "source", source.Id, removal.Counts(), cancellationToken);
        }
        await HoldPoint.ReachedAsync("forget-before-purge", cancellationToken);
        var removed = new Dictionary<string, long>(audit.Removed) { ["blobs"] = await PurgeBlobAsync(source, cancellationToken) ? 1 : 0 };
        return Result(audit, removed);
    }

    /// <summary>After commit: the bytes, unless a source of the same bytes was stored again meanwhile (the blob is then
    /// its own). A failure here leaves bytes no source names, which the orphan-blob sweep deletes.</summary>
    private async Task<bool> PurgeBlobAsync(Source source, CancellationToken cancellationToken)
    {
        await using (var read = await store.OpenReadAsync(source.UserId, cancellationToken))
        {
            if (await read.Sources.FindByHashAsync(source.ContentHash, cancellationToken) is not null) return false;
        }
        await blobs.DeleteAsync(source.BlobKey, cancellationToken);
        return true;
    }

    /// <summary>Writes the audit row and commits it with the removal.</summary>
    private async Task<Deletion> CommitAsync(IStoreSession session, string kind, string subjectId, IReadOnlyDictionary<string, long> removed,
        CancellationToken cancellationToken)
    {
        // The model-written parts of MEMORY.md were written from what is now forgotten and may repeat it: they go every time.
        var counts = new Dictionary<string, long>(removed) { ["generated_memory_sections"] = await session.Deletions.DeleteGeneratedMemoryAsync(cancellationToken) };
        // No name: a forgotten entity's or file's name is content, and the audit keeps only ids and counts.
        var deletion = new Deletion(StrataIds.NewDeletion(), session.UserId, kind, subjectId, null, counts, clock.GetUtcNow());
        await session.Deletions.InsertAsync(deletion, cancellationToken);
        await HoldPoint.ReachedAsync("forget-before-commit", cancellationToken);
        await session.CommitAsync(cancellationToken);
        return deletion;
    }

    private static Dictionary<string, long> Counts(RemovedObservations removed, int fragments, int entities) => new()
    {
        ["entities"] = entities, ["observations"] = removed.Observations, ["evidence"] = removed.Evidence,
        ["block_values"] = removed.BlockValues, ["raw_fragments"] = fragments,
    };

    private static DeleteResult Result(Deletion audit, IReadOnlyDictionary<string, long> removed) =>
        new(audit.Id, audit.SubjectKind, audit.SubjectId, null, removed);

    private static StrataException NotFound(string observationId) => new(ErrorCodes.ObservationNotFound, $"No observation {observationId}.");
}
