namespace Strata.Core.Recall;

/// <summary>Recall's bounds and fusion weights (configuration section <c>Recall</c>).</summary>
public sealed record RecallOptions
{
    /// <summary>Postings read per query term: a term in more units than this says little and is skipped (reported).</summary>
    public int PostingsPerTerm { get; init; } = 20_000;

    /// <summary>Postings read per query in all.</summary>
    public int PostingsPerQuery { get; init; } = 120_000;

    /// <summary>Candidates each signal contributes to the fusion.</summary>
    public int CandidatesPerSignal { get; init; } = 200;

    /// <summary>Distinct query terms read (words past this are left out, reported).</summary>
    public int MaxQueryTerms { get; init; } = 32;

    /// <summary>Wall time a query may spend reading postings before it answers with what it has (reported).</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>BM25's k1 and b, and the weight of a word in a message's fields (speaker, title, date words) against one in its text.</summary>
    public double K1 { get; init; } = 1.2;
    public double B { get; init; } = 0.75;
    public double FieldWeight { get; init; } = 0.6;

    /// <summary>The share of a synonym's BM25 score (query expansion: WordNet's synonyms of the question's words) added to the
    /// question's own BM25: 0.05. Until stop 50 the synonyms were only a list of their own (<c>Weights:expansion</c>, now 0),
    /// whose best synonym-only units reciprocal rank fusion set level with BM25's best; folded in at a small share they add a
    /// unit's synonyms to its words and rank synonym-only units after them, which lifted both labelled sets (docs/recall.md,
    /// "Synonyms in the BM25 score"). 0 leaves the synonyms out of BM25.</summary>
    public double ExpansionShare { get; init; } = 0.05;

    /// <summary>Bytes of vectors the vector signal holds at once (one batch of its exact scan), whatever the corpus.</summary>
    public long VectorScanBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Bytes of vectors the process keeps in memory for the vector signal, across users and models
    /// (<see cref="Embeddings.VectorMatrixCache"/>): 448 MiB holds 200,000 vectors of 384 dimensions with their 8-bit codes and keys. A user
    /// whose vectors exceed it is searched by the scan of the database, <see cref="VectorScanBytes"/> at a time; 0 keeps none.</summary>
    public long VectorCacheBytes { get; init; } = 448L * 1024 * 1024;

    /// <summary>Threads a question's search may use where the store opens a second read session on the same snapshot
    /// (SQLite): 1 searches every layer on the question's session; 2 always runs the entity layers and the synonyms' BM25
    /// on a second one beside the text layer; null (<c>auto</c>, the default) does so only while no more questions are
    /// searching than half the process's cores. Answers are the same either way.</summary>
    public int? SearchThreads { get; init; }

    /// <summary>Vectors the embedding backfill writes per transaction: many provider calls' worth, so a transaction's fixed
    /// cost is paid once per few thousand units rather than once per call (a crash loses at most this many units' calls).
    /// 2,048 rather than 512: PostgreSQL backfills 0.49 -> 0.67 of the bare embedder's rate, SQLite within its noise
    /// (docs/recall.md, "Transaction size, stop 45").</summary>
    public int BackfillUnitsPerTransaction { get; init; } = 2048;

    /// <summary>Reciprocal rank fusion's constant and each signal's weight. 20 rather than the customary 60: with one strong
    /// list (BM25) and several weak ones, a smaller constant keeps the strong list's first ranks ahead of items that only
    /// collect many weak votes (docs/recall.md, the sweep: 10-30 is a plateau, 60 and above push BM25's best hits down).</summary>
    public double RrfK { get; init; } = 20;
    public IReadOnlyDictionary<string, double> Weights { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [RecallSignals.Bm25] = 1.0,
        [RecallSignals.Expansion] = 0,
        [RecallSignals.Neighbour] = 0.2,
        [RecallSignals.Time] = 0.6,
        [RecallSignals.Recency] = 0.05,
        [RecallSignals.Reply] = 0.4,
        [RecallSignals.Entity] = 0.8,
        [RecallSignals.Relation] = 0.8,
        [RecallSignals.Observation] = 0.8,
        [RecallSignals.Vector] = 1.0,
    };
}

public static class RecallSignals
{
    public const string Bm25 = "bm25";
    public const string Expansion = "expansion";
    public const string Neighbour = "neighbour";
    public const string Time = "time";
    public const string Recency = "recency";
    public const string Entity = "entity";
    public const string Relation = "relation";
    public const string Vector = "vector";
    public const string Observation = "observation";
    public const string Reply = "reply";
}
