namespace Strata.Core.Recall;

/// <summary>The queries of <see cref="IRecallIndexStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IRecallIndexReader : Embeddings.IRecallVectorReader
{
    /// <summary>How many units the user has and their summed length (BM25's N and average length).</summary>
    Task<RecallStatistics> StatisticsAsync(CancellationToken cancellationToken);

    /// <summary>Puts the postings of one term within <paramref name="filter"/> in <paramref name="into"/> (emptied first);
    /// false when it has more than <paramref name="cap"/> there (reading stops at the first posting over the cap, and
    /// <paramref name="into"/> holds no meaning then).</summary>
    Task<bool> PostingsAsync(string term, RecallFilter filter, int cap, List<RecallPosting> into, CancellationToken cancellationToken);

    /// <summary>A reader of the postings of <paramref name="terms"/> (distinct), each asked for at most once and in that
    /// order (terms may be left out): each answers as <see cref="PostingsAsync"/> does. Where a database gains by it (PostgreSQL: one round trip for the question rather
    /// than two a word) the lists of every term with at most <paramref name="perTermCap"/> postings come in one statement;
    /// elsewhere each term is read when it is asked for.</summary>
    Task<IRecallPostingReader> PostingsOfAsync(IReadOnlyList<string> terms, RecallFilter filter, int perTermCap, CancellationToken cancellationToken);

    /// <summary>The blocks at these keys that exist (a key past a conversation's end is simply absent).</summary>
    Task<IReadOnlyList<RecallBlock>> BlocksAsync(IReadOnlyCollection<UnitKey> keys, CancellationToken cancellationToken);

    /// <summary>The content of the blocks at these keys that exist and hold at most <paramref name="maxCharacters"/>
    /// characters as the database counts them (code points: never fewer blocks than a count in UTF-16 units gives), and
    /// nothing else of them: the reply signal's check of its short turns, which needs no block's other columns.</summary>
    Task<IReadOnlyList<(UnitKey Key, string Content)>> ShortContentsAsync(IReadOnlyCollection<UnitKey> keys, int maxCharacters,
        CancellationToken cancellationToken);

    /// <summary>The documents converted before the index existed: how many are not indexed yet, of how many listed (the
    /// background index run's progress; both 0 when none are left).</summary>
    Task<PendingDocuments> PendingDocumentsAsync(CancellationToken cancellationToken);

    /// <summary>The first (by id) document converted before the index existed that is not indexed yet; null when none is.</summary>
    Task<string?> NextPendingDocumentAsync(CancellationToken cancellationToken);
}

/// <summary>The user's recall word index, in the database (so every process on it shares one index): written with the
/// blocks it indexes, read by <see cref="RecallService"/>.</summary>
public interface IRecallIndexStore : IRecallIndexReader, Embeddings.IRecallVectorStore
{
    /// <summary>Indexes units of one document; a unit already indexed (a conversion retried) is left as it is.</summary>
    Task AddAsync(IReadOnlyList<RecallUnit> units, CancellationToken cancellationToken);

    /// <summary>Marks a document of the pending list indexed (its units written in this transaction or before).</summary>
    Task MarkDocumentIndexedAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>Deletes the user's pending list once every document on it is indexed; nothing while one is not.</summary>
    Task ClearIndexedDocumentsAsync(CancellationToken cancellationToken);
}

/// <summary>The postings of a question's terms (<see cref="IRecallIndexReader.PostingsOfAsync"/>), asked for in order.</summary>
public interface IRecallPostingReader : IAsyncDisposable
{
    /// <summary>As <see cref="IRecallIndexReader.PostingsAsync"/>, for the next term (<paramref name="cap"/> at most the
    /// reader's per-term cap).</summary>
    Task<bool> PostingsAsync(string term, int cap, List<RecallPosting> into, CancellationToken cancellationToken);
}

/// <summary>The backfill of documents converted before the index existed: <see cref="Pending"/> not indexed yet of <see cref="Total"/>.</summary>
public sealed record PendingDocuments(int Pending, int Total);

public readonly record struct UnitKey(string DocumentId, int BlockIndex);

public sealed record RecallStatistics(long Units, long TotalLength)
{
    public double AverageLength => Units == 0 ? 1 : Math.Max(1, (double)TotalLength / Units);
}

/// <param name="Kinds">Which of message and block to read.</param>
/// <param name="From">Messages at or after this time (Unix seconds); blocks have no time and are left out by a window.</param>
/// <param name="ProjectId">Only the documents of this project.</param>
public sealed record RecallFilter(bool Messages, bool Blocks, long? From, long? To, string? ProjectId);

/// <summary>A value (a question reads tens of thousands): no allocation of its own.</summary>
public readonly record struct RecallPosting(UnitKey Key, string Kind, long? At, int Length, int TextCount, int MetaCount);

/// <summary>A block as recall answers with it, with its document.</summary>
public sealed record RecallBlock(UnitKey Key, string BlockUid, string BlockType, string Content, IReadOnlyList<string> HeadingPath,
    IReadOnlyDictionary<string, string>? Attributes, string DocumentName, string SourceId, string ProjectId);
