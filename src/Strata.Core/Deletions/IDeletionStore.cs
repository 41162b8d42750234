namespace Strata.Core.Deletions;

/// <summary>The queries of <see cref="IDeletionStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IDeletionReader
{
    /// <summary>Newest first, one page.</summary>
    Task<Page<Deletion>> ListAsync(Paging paging, CancellationToken cancellationToken);

    /// <summary>Every run (of any kind, archived too) made from the source.</summary>
    Task<IReadOnlyList<SourceRun>> RunsOfSourceAsync(string sourceId, CancellationToken cancellationToken);

    /// <summary>Counts, in one statement, what deleting the project's documents (or the one document) would remove; give
    /// exactly one of <paramref name="projectId"/> and <paramref name="documentId"/>.</summary>
    Task<DeletionCounts> CountAsync(string? projectId, string? documentId, CancellationToken cancellationToken);
}

/// <summary>The session's user's delete audit, and the removals that forget what a user asked to forget
/// (<see cref="ForgetService"/>), each inside the session's transaction.</summary>
public interface IDeletionStore : IDeletionReader
{
    Task InsertAsync(Deletion deletion, CancellationToken cancellationToken);

    /// <summary>Holds the source against other writers until commit (a run written for it meanwhile waits, then finds it
    /// gone); a no-op where the database has one writer at a time.</summary>
    Task LockSourceAsync(string sourceId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deletes the observations <paramref name="selection"/> names, with where their values were quoted from (LLM
    /// and chat evidence) and the reviewed block values they came from.</summary>
    Task<RemovedObservations> DeleteObservationsAsync(ObservationSelection selection, CancellationToken cancellationToken);

    /// <summary>Deletes what a run kept besides its observations (delete those first): its items and raw fragments, then the run.</summary>
    Task<RemovedRunRest> DeleteRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Deletes the raw fragments kept for the entity (values its schema does not declare).</summary>
    Task<int> DeleteFragmentsOfEntityAsync(string entityId, CancellationToken cancellationToken);

    /// <summary>Deletes a run's raw fragments on an entity once no observation of that run is on it any more.</summary>
    Task<int> DeleteUnobservedFragmentsAsync(string runId, string entityId, CancellationToken cancellationToken);

    /// <summary>Observations first written to the entity and moved away by a split count as first written where they are
    /// now: the entity they came from is being forgotten, and must not be kept alive by them. Returns how many.</summary>
    Task<int> ForgetFirstWriterAsync(string entityId, CancellationToken cancellationToken);

    /// <summary>Deletes the model-written sections of the user's MEMORY.md (summary, profile): written from what is now
    /// forgotten, they may repeat it, and the next generation writes them again from what is left. Returns how many.</summary>
    Task<int> DeleteGeneratedMemoryAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the chat-import rows that describe the source as one of an import's conversations (title, counts).</summary>
    Task<int> DeleteConversationsOfSourceAsync(string sourceId, CancellationToken cancellationToken);
}
