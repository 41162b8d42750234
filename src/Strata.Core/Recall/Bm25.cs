using System.Runtime.InteropServices;

namespace Strata.Core.Recall;

/// <summary>
/// Okapi BM25 over the index's postings, with a message's fields (speaker, title, date words) counted at
/// <see cref="RecallOptions.FieldWeight"/> of its text. Higher is better, always positive (not SQLite FTS5's negated
/// bm25()), computed here from plain rows so SQLite and PostgreSQL rank alike. A term found in more units than the
/// per-term cap is skipped and reported: its weight is tiny and reading it would cost more than the rest of the query.
/// </summary>
public static class Bm25
{
    /// <summary>Scores <paramref name="terms"/> into one of <paramref name="scratch"/>'s tables (emptied first) and returns it.</summary>
    /// <remarks>The synonyms' scores (<paramref name="synonyms"/>) go to <see cref="Bm25Scratch.Synonyms"/>, the question's
    /// words' to <see cref="Bm25Scratch.Words"/>.</remarks>
    public static async Task<Dictionary<UnitKey, Bm25Hit>> ScoreAsync(IRecallIndexReader index, RecallQuery query,
        IReadOnlyList<string> terms, RecallStatistics statistics, Bm25Scratch scratch, bool synonyms, CancellationToken cancellationToken)
    {
        var options = query.Options;
        var scores = synonyms ? scratch.Synonyms : scratch.Words;
        scores.Clear();
        var read = 0;
        var inflections = synonyms ? null : query.Inflections;
        await using var lists = await index.PostingsOfAsync(terms, query.Filter, Math.Min(options.PostingsPerTerm, options.PostingsPerQuery), cancellationToken);
        var stop = false;
        for (var first = 0; first < terms.Count && !stop;)
        {
            // A word and the irregular forms of it that follow it (RecallInflections: "buy", "bought") are one term with
            // one IDF, from the units of all its forms, as if the index held the dictionary form.
            var end = first + 1;
            while (inflections is not null && end < terms.Count && inflections.Contains(terms[end])) end++;
            var group = scratch.Group(end - first);
            var units = 0;
            for (var t = first; t < end; t++)
            {
                if (query.OverTime)
                {
                    query.Partial($"The time limit ({options.TimeLimit.TotalSeconds:0.#} s) was reached before every word was read.");
                    stop = true;
                    break;
                }
                if (read >= options.PostingsPerQuery)
                {
                    query.Partial($"The query read its limit of {options.PostingsPerQuery:N0} index entries before every word was read.");
                    stop = true;
                    break;
                }
                var cap = Math.Min(options.PostingsPerTerm, options.PostingsPerQuery - read);
                var postings = group[t - first];
                if (!await lists.PostingsAsync(terms[t], cap, postings, cancellationToken))
                {
                    // A skipped word is no longer read, but it still takes the share of the query's budget it always took
                    // (cap + 1 entries), so the same question stops at the same word as before.
                    postings.Clear();
                    read += cap + 1;
                    query.Partial($"'{terms[t]}' is in more than {cap:N0} messages or blocks: it was not scored.");
                    continue;
                }
                read += postings.Count;
                units += postings.Count;
            }
            first = end;
            if (units == 0) continue;
            var idf = Math.Log(1 + (statistics.Units - Math.Min(units, statistics.Units) + 0.5) / (units + 0.5));
            foreach (var postings in group) Add(postings, idf, scores, scratch, options, statistics);
        }
        return scores;
    }

    private static void Add(List<RecallPosting> postings, double idf, Dictionary<UnitKey, Bm25Hit> scores, Bm25Scratch scratch,
        RecallOptions options, RecallStatistics statistics)
    {
        // Grown at most once per word (at least doubled), not step by step as a common word's units arrive.
        var needed = scores.Count + postings.Count;
        if (needed > scores.EnsureCapacity(0)) scores.EnsureCapacity(Math.Max(needed, 2 * scores.Count));
        // Each list's postings share its document id (a string read per list): mapped once a list to the question's one
        // string for that document, so the table hashes and compares it by reference, not character by character.
        string? listId = null, documentId = null;
        foreach (var posting in postings)
        {
            if (!ReferenceEquals(posting.Key.DocumentId, listId))
            {
                listId = posting.Key.DocumentId;
                documentId = scratch.DocumentIdOf(listId);
            }
            var tf = posting.TextCount + options.FieldWeight * posting.MetaCount;
            var norm = tf + options.K1 * (1 - options.B + options.B * posting.Length / statistics.AverageLength);
            var add = idf * tf * (options.K1 + 1) / norm;
            // One hash lookup a posting: the entry is added (zeroed) or found, and updated in place.
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(scores, new UnitKey(documentId!, posting.Key.BlockIndex), out _);
            entry = new Bm25Hit(entry.Score + add, posting.At, posting.Kind == RecallKinds.Message, posting.Length);
        }
    }
}

/// <summary>A unit's BM25 score over the question's words, with what the other signals read of it: its time, whether it
/// is a message, and its length in index terms.</summary>
public readonly record struct Bm25Hit(double Score, long? At, bool Message, int Length);

/// <summary>
/// What scoring a question's words needs in memory: the list one word's postings are read into and the tables of scores
/// (the question's words and their synonyms). A common word fills them with tens of thousands of entries (arrays on the
/// large-object heap, whose collections were a third of a question's CPU), so they are kept for the next question:
/// <see cref="Rent"/> and <see cref="Return"/>, at most <see cref="Kept"/> of them, each bounded by the query's postings limit.
/// </summary>
/// <remarks>The tables' keys hold the question's one string for each document (<see cref="DocumentIds"/>), so they hash
/// and compare the id by reference rather than by its characters.</remarks>
public sealed class Bm25Scratch
{
    private static readonly System.Collections.Concurrent.ConcurrentQueue<Bm25Scratch> Pool = new();
    private static int _pooled;

    /// <summary>How many are kept between questions: one per question on each core.</summary>
    public static int Kept { get; } = Environment.ProcessorCount;

    public List<RecallPosting> Postings { get; } = [];

    /// <summary>The lists of a word's irregular forms, read beside <see cref="Postings"/> before the word is scored.</summary>
    private readonly List<List<RecallPosting>> _forms = [];

    private readonly List<List<RecallPosting>> _group = [];

    /// <summary>Lists for a word and its <paramref name="size"/> - 1 forms: <see cref="Postings"/> first, each emptied.</summary>
    internal List<List<RecallPosting>> Group(int size)
    {
        while (_forms.Count < size - 1) _forms.Add([]);
        _group.Clear();
        _group.Add(Postings);
        for (var i = 0; i < size - 1; i++) _group.Add(_forms[i]);
        foreach (var list in _group) list.Clear();
        return _group;
    }

    /// <summary>The BM25 scores of the question's words.</summary>
    public Dictionary<UnitKey, Bm25Hit> Words { get; } = new(SameDocumentString.Instance);

    /// <summary>The BM25 scores of the question's synonyms.</summary>
    public Dictionary<UnitKey, Bm25Hit> Synonyms { get; } = new(SameDocumentString.Instance);

    /// <summary>The question's one string for each document id met.</summary>
    public Dictionary<string, string> DocumentIds { get; } = new(StringComparer.Ordinal);

    /// <summary>The question's one string for the document <paramref name="id"/> names (<paramref name="id"/> itself when first met).</summary>
    public string DocumentIdOf(string id)
    {
        ref var known = ref CollectionsMarshal.GetValueRefOrAddDefault(DocumentIds, id, out var exists);
        if (!exists) known = id;
        return known!;
    }

    public static Bm25Scratch Rent()
    {
        if (!Pool.TryDequeue(out var scratch)) return new Bm25Scratch();
        Interlocked.Decrement(ref _pooled);
        return scratch;
    }

    public static void Return(Bm25Scratch scratch)
    {
        if (Interlocked.Increment(ref _pooled) > Kept)
        {
            Interlocked.Decrement(ref _pooled);
            return;
        }
        scratch.Postings.Clear();
        foreach (var list in scratch._forms) list.Clear();
        scratch.Words.Clear();
        scratch.Synonyms.Clear();
        scratch.DocumentIds.Clear();
        Pool.Enqueue(scratch);
    }

    /// <summary>Units equal when their document id is the same string instance and their block index is equal: only for
    /// keys whose ids went through one <see cref="DocumentIds"/>.</summary>
    private sealed class SameDocumentString : IEqualityComparer<UnitKey>
    {
        public static readonly SameDocumentString Instance = new();

        public bool Equals(UnitKey x, UnitKey y) => ReferenceEquals(x.DocumentId, y.DocumentId) && x.BlockIndex == y.BlockIndex;

        public int GetHashCode(UnitKey key) => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.DocumentId), key.BlockIndex);
    }
}
