using Strata.Core.Storage;

namespace Strata.Core.Review;

/// <summary>The queries of <see cref="IReviewStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IReviewReader
{
    Task<BlockRun?> GetRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The block runs of a document, a project or a schema (the one id given), oldest first.</summary>
    Task<IReadOnlyList<BlockRun>> ListRunsAsync(string? documentId, string? projectId, string? schemaRef, CancellationToken cancellationToken);

    /// <summary>A page of a document's or a project's runs, oldest first (list_block_runs).</summary>
    Task<Page<BlockRun>> ListRunsPageAsync(string? documentId, string? projectId, Paging paging, CancellationToken cancellationToken);

    /// <summary>A page of the runs of the listed documents, oldest first (list_block_runs with document_ids); with
    /// <paramref name="perDocument"/>, only each document's oldest that many, numbered by the database.</summary>
    Task<Page<BlockRun>> ListDocumentsRunsPageAsync(IReadOnlyList<string> documentIds, int? perDocument, Paging paging, CancellationToken cancellationToken);

    /// <summary>Counts of the blocks of a run, a document's runs or a project's runs.</summary>
    Task<ReviewCounts> CountAsync(ReviewScope scope, string id, CancellationToken cancellationToken);

    /// <summary>A project's counts per document, for documents that have runs.</summary>
    Task<IReadOnlyList<(string DocumentId, int Runs, ReviewCounts Counts)>> CountByDocumentAsync(string projectId, CancellationToken cancellationToken);

    Task<BlockValue?> GetValueAsync(string runId, int blockIndex, CancellationToken cancellationToken);

    /// <summary>Values of a run in block order after <paramref name="afterIndex"/>, only of <paramref name="state"/> when given.</summary>
    Task<IReadOnlyList<BlockValue>> ListValuesAsync(string runId, string? state, int afterIndex, int limit, CancellationToken cancellationToken);

    /// <summary>A page of a run's blocks matching <paramref name="query"/>, in block order, after <paramref name="afterIndex"/>
    /// (keyset) and skipping <paramref name="offset"/> of the matches; the database filters and pages.</summary>
    Task<IReadOnlyList<MatchedBlock>> ListMatchingAsync(string runId, string documentId, BlockValueQuery query, int afterIndex, int offset, int limit,
        CancellationToken cancellationToken);

    /// <summary>How many blocks of a run match <paramref name="query"/> (counted by the database).</summary>
    Task<int> CountMatchingAsync(string runId, string documentId, BlockValueQuery query, CancellationToken cancellationToken);

    /// <summary>A document of the user (from the documents foundation's tables), or null.</summary>
    Task<ReviewDocument?> GetDocumentAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="documentIds"/> are documents of the user (in no particular order).</summary>
    Task<IReadOnlyList<string>> FindDocumentIdsAsync(IReadOnlyList<string> documentIds, CancellationToken cancellationToken);

    /// <summary>Every document of a project, in creation order.</summary>
    Task<IReadOnlyList<ReviewDocument>> ListDocumentsAsync(string projectId, CancellationToken cancellationToken);

    Task<bool> ProjectExistsAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>A document's blocks with index in [<paramref name="from"/>, <paramref name="to"/>], in order.</summary>
    Task<IReadOnlyList<ReviewBlock>> ReadBlocksAsync(string documentId, int from, int to, CancellationToken cancellationToken);

    /// <summary>A bulk change of the user with its blocks in index order, or null.</summary>
    Task<BulkChange?> GetBulkChangeAsync(string changeId, CancellationToken cancellationToken);

    /// <summary>Whether a run still has a block to review or answer (pending, claimed, or staged): found through the
    /// state indexes, so it costs the same at 100 blocks as at 100,000 (a confirm asks it every time).</summary>
    Task<bool> HasOpenBlocksAsync(string runId, CancellationToken cancellationToken);
}

/// <summary>Block runs and their values, inside the caller's transaction and user.</summary>
public interface IReviewStore : IReviewReader
{
    Task InsertRunAsync(BlockRun run, CancellationToken cancellationToken);

    /// <summary>Holds the block run until commit, so of two deletes at once the second finds it gone (a no-op where the
    /// database serialises all writers).</summary>
    Task LockRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Writes the model's value of a block as staged (a new value, or the re-ask of a rejected one); a confirmed
    /// value is never overwritten. Returns whether it was written.</summary>
    Task<bool> StageAsync(BlockValue value, CancellationToken cancellationToken);

    /// <summary>Moves a value from <paramref name="expectedState"/> to the record's state and fields; false, and nothing
    /// changes, when it is no longer in that state (another reviewer was first).</summary>
    Task<bool> UpdateValueAsync(BlockValue value, string expectedState, CancellationToken cancellationToken);

    /// <summary>Sets a finished run back to pending so a worker asks again for its pending blocks.</summary>
    Task<bool> ReopenRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="limit"/> of a run's pending items, and claimed ones not touched since
    /// <paramref name="staleBefore"/> (their worker died); each is claimed by one caller only.</summary>
    Task<IReadOnlyList<int>> ClaimItemsAsync(string runId, int limit, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken cancellationToken);

    /// <summary>Sets failed (or, with <paramref name="blockIndex"/>, one) item of a run back to pending; returns how many.</summary>
    Task<int> ReopenItemsAsync(string runId, string fromStatus, int? blockIndex, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes a block run: its values, items, evidence, observations and the run; returns what went, with the
    /// entities the observations were on or first written to (which may now have none).</summary>
    Task<RemovedBlockRun> DeleteRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Records a bulk change with the blocks it moved.</summary>
    Task InsertBulkChangeAsync(BulkChange change, CancellationToken cancellationToken);

    /// <summary>Adds blocks to a recorded bulk change (a change by filter records each page's blocks in that page's
    /// transaction).</summary>
    Task AddBulkChangeBlocksAsync(string changeId, IReadOnlyList<BulkChangeBlock> blocks, CancellationToken cancellationToken);

    /// <summary>Marks a bulk change undone; false when it already was (another undo was first).</summary>
    Task<bool> MarkBulkChangeUndoneAsync(string changeId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Sets a pending item of a run back to completed (an undone reject, before the model was asked again); false
    /// when it is no longer pending.</summary>
    Task<bool> CompleteItemAsync(string runId, int blockIndex, DateTimeOffset now, CancellationToken cancellationToken);
}
