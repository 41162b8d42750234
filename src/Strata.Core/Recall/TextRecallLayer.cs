using System.Globalization;
using Strata.Core.Storage;

namespace Strata.Core.Recall;

/// <summary>
/// Messages and document blocks: BM25 over the word index, query expansion (synonyms, its own list), neighbouring
/// messages (a message found by the turn before or after it), replies to short questions (the turn after a matching
/// "And the toast?"), the question's time window, and recency as a weak prior.
/// A question that finds documents converted before the index existed still unindexed queues their backfill (once per
/// pending count) when it is given the job queue.
/// </summary>
public sealed class TextRecallLayer(RecallSynonyms synonyms, Jobs.IJobQueue? jobs = null) : IRecallLayer
{
    private const string KeyPrefix = "b:";

    /// <summary>How many of the best BM25 messages lend their score to the turns around them.</summary>
    private const int NeighbourSeeds = 50;

    public IReadOnlyList<string> Kinds { get; } = [RecallKinds.Message, RecallKinds.Block];

    public async Task<IReadOnlyList<RankedList>> SearchAsync(RecallQuery query, IStoreReader session, CancellationToken cancellationToken)
    {
        var (pending, listed) = await session.Recall.PendingDocumentsAsync(cancellationToken);
        if (pending > 0)
        {
            query.Partial($"{listed - pending} of {listed} document(s) converted before the recall index existed are indexed (the background "
                + $"index run, {Jobs.JobKinds.IndexRecall}, is working): the other {pending} document(s)' blocks and messages are not searched yet.");
            if (jobs is not null && query.UserId is { } userId)
            {
                await jobs.EnqueueAsync(RecallIndexBackfillJobHandler.Request(userId, $"pending-{pending}"), cancellationToken);
            }
        }
        var statistics = await session.Recall.StatisticsAsync(cancellationToken);
        if (statistics.Units == 0 || query.Terms.Count == 0) return [];
        var scratch = Bm25Scratch.Rent();
        try
        {
            return await SearchAsync(query, session, statistics, scratch, cancellationToken);
        }
        finally
        {
            Bm25Scratch.Return(scratch);
        }
    }

    /// <summary>The signals, from the BM25 scores of the question's words (in <paramref name="scratch"/>) and of its
    /// expansion's (there too, or in the scratch of their own when scored beside); every list returned is a copy.</summary>
    private async Task<IReadOnlyList<RankedList>> SearchAsync(RecallQuery query, IStoreReader session, RecallStatistics statistics, Bm25Scratch scratch,
        CancellationToken cancellationToken)
    {
        var bm25 = await Bm25.ScoreAsync(session.Recall, query, query.Terms, statistics, scratch, synonyms: false, cancellationToken);
        // The synonyms' scores: from beside this layer when they were scored there (then in a scratch of their own,
        // returned at the end), else scored now.
        var beside = query.Synonyms is { } early ? await early : null;
        try
        {
            var expanded = query.Synonyms is null ? Expanded(query) : [];
            var expansion = beside?.Synonyms
                ?? (expanded.Count == 0 ? null : await Bm25.ScoreAsync(session.Recall, query, expanded, statistics, scratch, synonyms: true, cancellationToken));
            if (expansion is not null) AddSynonyms(bm25, expansion, query.Options.ExpansionShare, scratch);
            return await SignalsAsync(query, session, bm25, expansion, cancellationToken);
        }
        finally
        {
            if (beside is not null) Bm25Scratch.Return(beside);
        }
    }

    /// <summary>The synonyms the question is expanded by, without its own words; none when nothing uses them (neither
    /// their share of BM25 nor their own list is weighted).</summary>
    private List<string> Expanded(RecallQuery query) =>
        Listing(query) || query.Options.ExpansionShare > 0
            ? synonyms.Expand(query.Text).Where(t => !query.Terms.Contains(t)).Take(query.Options.MaxQueryTerms).ToList()
            : [];

    private static bool Listing(RecallQuery query) => query.Options.Weights.GetValueOrDefault(RecallSignals.Expansion, 1.0) > 0;

    /// <summary>The synonyms' BM25 on a sibling session while the question's words are scored on its own (the two read
    /// different words' postings from the same snapshot, each within its own budget, as one after the other do). Their
    /// reasons (a word over its cap, the time limit) come after the layer's own, where one after the other puts them.</summary>
    public Func<IStoreReader, Task>? BesideWork(RecallQuery query, CancellationToken cancellationToken)
    {
        if (query.Terms.Count == 0) return null;
        var expanded = Expanded(query);
        if (expanded.Count == 0) return null;
        var scored = new TaskCompletionSource<Bm25Scratch?>(TaskCreationOptions.RunContinuationsAsynchronously);
        query.Synonyms = scored.Task;
        return async reader =>
        {
            try
            {
                RecallQuery.EnterLaterPart();
                scored.SetResult(await ScoreAsync(reader, expanded));
            }
            catch (Exception e)
            {
                scored.SetException(e);
                throw;
            }
        };

        async Task<Bm25Scratch?> ScoreAsync(IStoreReader reader, List<string> terms)
        {
            var statistics = await reader.Recall.StatisticsAsync(cancellationToken);
            if (statistics.Units == 0) return null;
            var scratch = Bm25Scratch.Rent();
            await Bm25.ScoreAsync(reader.Recall, query, terms, statistics, scratch, synonyms: true, cancellationToken);
            return scratch;
        }
    }

    /// <summary>The signals' lists from the question's BM25 (<paramref name="bm25"/>, its synonyms' share added) and the
    /// synonyms' own (<paramref name="expansion"/>).</summary>
    private async Task<IReadOnlyList<RankedList>> SignalsAsync(RecallQuery query, IStoreReader session, Dictionary<UnitKey, Bm25Hit> bm25,
        Dictionary<UnitKey, Bm25Hit>? expansion, CancellationToken cancellationToken)
    {
        var cap = query.Options.CandidatesPerSignal;

        // Each signal reads only the head of BM25's order (Order: ties by time, then place) (the best cap hits, the best messages, the best hits in the window),
        // so each head is selected rather than every hit sorted: a common word's 20,000 hits sorted cost more than reading them.
        var ranked = Best(bm25, cap, _ => true);
        var lists = new List<RankedList> { List(RecallSignals.Bm25, ranked.Select(h => (h.Key, h.Value.Score))) };
        if (expansion is not null && Listing(query))
        {
            lists.Add(List(RecallSignals.Expansion, expansion.OrderByDescending(h => h.Value.Score).Take(cap).Select(h => (h.Key, h.Value.Score))));
        }

        var neighbours = new Dictionary<UnitKey, double>();
        var seeds = Best(bm25, NeighbourSeeds, h => h.Value.Message);
        foreach (var (key, (score, _, _, _)) in seeds)
        {
            foreach (var near in new[] { key with { BlockIndex = key.BlockIndex - 1 }, key with { BlockIndex = key.BlockIndex + 1 } })
            {
                if (near.BlockIndex >= 0 && neighbours.GetValueOrDefault(near) < score) neighbours[near] = score;
            }
        }
        lists.Add(List(RecallSignals.Neighbour, neighbours.OrderByDescending(n => n.Value).Take(cap).Select(n => (n.Key, n.Value))));

        if (query.Options.Weights.GetValueOrDefault(RecallSignals.Reply, 0) > 0)
        {
            lists.Add(List(RecallSignals.Reply, (await RepliesAsync(session, seeds, cancellationToken)).OrderByDescending(r => r.Value).Take(cap)
                .Select(r => (r.Key, r.Value))));
        }

        if (query.Window is { } window)
        {
            var (from, to) = (window.From.ToUnixTimeSeconds(), window.To.ToUnixTimeSeconds());
            lists.Add(List(RecallSignals.Time, Best(bm25, cap, h => h.Value.At is { } at && at >= from && at < to)
                .Select(h => (h.Key, h.Value.Score))));
        }
        lists.Add(List(RecallSignals.Recency, ranked.Where(h => h.Value.At is not null)
            .OrderByDescending(h => h.Value.At).Select(h => (h.Key, (double)h.Value.At!.Value))));
        return lists;
    }

    /// <summary>The reply signal: the turn after each of the best BM25 messages (<paramref name="seeds"/>) that asks a short
    /// question, with that message's score. "And the toast?" / "Nailed it. Ines cried…": the answer to a question in a conversation shares few
    /// words with it, and the short question before it holds the topic. A long turn with a question mark is most often a
    /// request with matter of its own (to an assistant), whose reply is an answer of its own too, so it lends nothing.</summary>
    private static async Task<Dictionary<UnitKey, double>> RepliesAsync(IStoreReader session, List<KeyValuePair<UnitKey, Bm25Hit>> seeds,
        CancellationToken cancellationToken)
    {
        // Only short turns are read (the index knows their length), not the long ones' text.
        var shortSeeds = seeds.Where(s => s.Value.Length <= ShortQuestionTerms).Select(s => s.Key).ToList();
        if (shortSeeds.Count == 0) return [];
        var asking = (await session.Recall.ShortContentsAsync(shortSeeds, ShortQuestionChars, cancellationToken))
            .Where(b => AsksShortly(b.Content)).Select(b => b.Key).ToHashSet();
        var replies = new Dictionary<UnitKey, double>();
        foreach (var (key, hit) in seeds)
        {
            if (!asking.Contains(key)) continue;
            var next = key with { BlockIndex = key.BlockIndex + 1 };
            if (replies.GetValueOrDefault(next) < hit.Score) replies[next] = hit.Score;
        }
        return replies;
    }

    /// <summary>How long a turn that asks may be and still be a conversational question (two short sentences): 80 to 160
    /// gave the same figures on both labelled sets, 200 and more lets requests to an assistant in.</summary>
    public const int ShortQuestionChars = 120;

    /// <summary>And at most this many index terms (its words without stop words, and its fields: speaker, title, date
    /// words), so a long turn's text is never read to learn that it is long.</summary>
    public const int ShortQuestionTerms = 32;

    private static bool AsksShortly(string text) => text.Length <= ShortQuestionChars && text.Contains('?');

    /// <summary>Adds the synonyms' BM25 (<paramref name="expansion"/>) into the question's (<paramref name="bm25"/>, in place) at
    /// <paramref name="share"/> of their score (<see cref="RecallOptions.ExpansionShare"/>): a unit that holds the question's
    /// words and a synonym of another ranks above one with the words alone, and a unit with synonyms only joins the list
    /// below nearly every unit with the question's own words — where a list of its own, fused by rank, put its best
    /// synonym-only units level with BM25's best.</summary>
    /// <remarks>The question's table keys a document by the one string <paramref name="scratch"/> holds for it; synonyms
    /// scored beside hold their own, so each key is mapped to it (once a run of keys of one document).</remarks>
    private static void AddSynonyms(Dictionary<UnitKey, Bm25Hit> bm25, Dictionary<UnitKey, Bm25Hit> expansion, double share, Bm25Scratch scratch)
    {
        if (share <= 0) return;
        string? seen = null, documentId = null;
        foreach (var (key, hit) in expansion)
        {
            if (!ReferenceEquals(key.DocumentId, seen))
            {
                seen = key.DocumentId;
                documentId = scratch.DocumentIdOf(seen);
            }
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(bm25, key with { DocumentId = documentId! }, out var found);
            slot = found ? slot with { Score = slot.Score + share * hit.Score } : hit with { Score = share * hit.Score };
        }
    }

    /// <summary>The first <paramref name="count"/> hits that pass <paramref name="where"/>, in BM25's order: score, then
    /// newer first (document ids are drawn when a document is made, so the same messages imported twice would otherwise
    /// tie-break differently), then block index and document id. A bounded heap: O(hits × log count), not a sort of all.</summary>
    private static List<KeyValuePair<UnitKey, Bm25Hit>> Best(Dictionary<UnitKey, Bm25Hit> hits,
        int count, Func<KeyValuePair<UnitKey, Bm25Hit>, bool> where)
    {
        // The heap's root is the worst hit kept, so a better one replaces it; once it is full, a hit scored below the root
        // cannot enter, and most hits are (one comparison, not the whole order).
        var heap = new PriorityQueue<KeyValuePair<UnitKey, Bm25Hit>, KeyValuePair<UnitKey, Bm25Hit>>(count + 1, WorseFirst);
        var floor = double.NegativeInfinity;
        foreach (var hit in hits)
        {
            if (hit.Value.Score < floor || !where(hit)) continue;
            if (heap.Count < count) heap.Enqueue(hit, hit);
            else if (Order(hit, heap.Peek()) < 0) heap.DequeueEnqueue(hit, hit);
            else continue;
            if (heap.Count == count) floor = heap.Peek().Value.Score;
        }
        var best = new List<KeyValuePair<UnitKey, Bm25Hit>>(heap.Count);
        while (heap.Count > 0) best.Add(heap.Dequeue());
        best.Reverse();
        return best;
    }

    private static readonly Comparer<KeyValuePair<UnitKey, Bm25Hit>> WorseFirst = Comparer<KeyValuePair<UnitKey, Bm25Hit>>.Create((a, b) => Order(b, a));

    /// <summary>Negative when <paramref name="a"/> ranks before <paramref name="b"/>.</summary>
    private static int Order(KeyValuePair<UnitKey, Bm25Hit> a, KeyValuePair<UnitKey, Bm25Hit> b)
    {
        var order = b.Value.Score.CompareTo(a.Value.Score);
        if (order == 0) order = (b.Value.At ?? long.MinValue).CompareTo(a.Value.At ?? long.MinValue);
        if (order == 0) order = a.Key.BlockIndex.CompareTo(b.Key.BlockIndex);
        return order != 0 ? order : string.CompareOrdinal(a.Key.DocumentId, b.Key.DocumentId);
    }

    public async Task<IReadOnlyDictionary<string, RecallResult>> ResultsAsync(RecallQuery query, IStoreReader session, IReadOnlyCollection<string> keys,
        CancellationToken cancellationToken)
    {
        var units = keys.Where(k => k.StartsWith(KeyPrefix, StringComparison.Ordinal)).Select(Parse).ToList();
        var blocks = await session.Recall.BlocksAsync(units, cancellationToken);
        var results = new Dictionary<string, RecallResult>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            var message = block.BlockType == "message";
            if (!query.Kinds.Contains(message ? RecallKinds.Message : RecallKinds.Block)) continue;
            var attributes = block.Attributes;
            var time = attributes?.GetValueOrDefault("time") is { } t
                && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
            if (!WithinFilter(query.Filter, message, time)) continue;
            var provenance = new RecallProvenance
            {
                DocumentId = block.Key.DocumentId,
                DocumentName = block.DocumentName,
                SourceId = block.SourceId,
                BlockUid = block.BlockUid,
                BlockIndex = block.Key.BlockIndex,
                ConversationId = message ? attributes?.GetValueOrDefault("conversation_id") : null,
                MessageId = message ? attributes?.GetValueOrDefault("message_id") : null,
                Speaker = attributes?.GetValueOrDefault("speaker"),
                Role = attributes?.GetValueOrDefault("role"),
                Time = time,
                HeadingPath = block.HeadingPath,
                CharStart = 0,
                CharEnd = block.Content.Length,
            };
            results[Key(block.Key)] = new RecallResult(message ? RecallKinds.Message : RecallKinds.Block, block.Content, 0,
                new Dictionary<string, double>(), provenance);
        }
        return results;
    }

    /// <summary>Whether a unit answers the question's window: the index reads only units inside it, but a neighbouring
    /// message is named by its place in the conversation, so the turn after the last one inside a window (or after
    /// <c>as_of</c>) would otherwise come back. The same rule as the index's: a time at or after from, before to; a message
    /// without a time and any block are outside every window.</summary>
    private static bool WithinFilter(RecallFilter filter, bool message, DateTimeOffset? time)
    {
        if (filter.From is null && filter.To is null) return message ? filter.Messages : filter.Blocks;
        if (!message || time is not { } at) return false;
        var seconds = at.ToUnixTimeSeconds();
        return seconds >= (filter.From ?? long.MinValue) && seconds < (filter.To ?? long.MaxValue);
    }

    private static RankedList List(string signal, IEnumerable<(UnitKey Key, double Score)> items) =>
        new(signal, items.Select(i => (Key(i.Key), i.Score)).ToList());

    /// <summary>A unit's key in the fusion; the vector layer ranks the same units under the same keys.</summary>
    internal static string Key(UnitKey key) => KeyPrefix + key.BlockIndex.ToString(CultureInfo.InvariantCulture) + ":" + key.DocumentId;

    private static UnitKey Parse(string key)
    {
        var colon = key.IndexOf(':', KeyPrefix.Length);
        return new UnitKey(key[(colon + 1)..], int.Parse(key.AsSpan(KeyPrefix.Length, colon - KeyPrefix.Length), CultureInfo.InvariantCulture));
    }
}
