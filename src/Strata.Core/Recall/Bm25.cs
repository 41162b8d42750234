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
    public static async Task<Dictionary<UnitKey, (double Score, RecallPosting Posting)>> ScoreAsync(IRecallIndexReader index, RecallQuery query,
        IReadOnlyList<string> terms, RecallStatistics statistics, CancellationToken cancellationToken)
    {
        var options = query.Options;
        var scores = new Dictionary<UnitKey, (double Score, RecallPosting Posting)>();
        var read = 0;
        foreach (var term in terms)
        {
            if (query.OverTime)
            {
                query.Partial($"The time limit ({options.TimeLimit.TotalSeconds:0.#} s) was reached before every word was read.");
                break;
            }
            if (read >= options.PostingsPerQuery)
            {
                query.Partial($"The query read its limit of {options.PostingsPerQuery:N0} index entries before every word was read.");
                break;
            }
            var cap = Math.Min(options.PostingsPerTerm, options.PostingsPerQuery - read);
            var postings = await index.PostingsAsync(term, query.Filter, cap, cancellationToken);
            if (postings is null)
            {
                // A skipped word is no longer read, but it still takes the share of the query's budget it always took
                // (cap + 1 entries), so the same question stops at the same word as before.
                read += cap + 1;
                query.Partial($"'{term}' is in more than {cap:N0} messages or blocks: it was not scored.");
                continue;
            }
            read += postings.Count;
            var idf = Math.Log(1 + (statistics.Units - postings.Count + 0.5) / (postings.Count + 0.5));
            foreach (var posting in postings)
            {
                var tf = posting.TextCount + options.FieldWeight * posting.MetaCount;
                var norm = tf + options.K1 * (1 - options.B + options.B * posting.Length / statistics.AverageLength);
                var add = idf * tf * (options.K1 + 1) / norm;
                // One hash lookup a posting: the entry is added (zeroed) or found, and updated in place.
                ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(scores, posting.Key, out _);
                entry = (entry.Score + add, posting);
            }
        }
        return scores;
    }
}
