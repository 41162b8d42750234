using System.Data.Common;
using Strata.Core.Recall;

namespace Strata.Relational.Recall;

/// <summary>A question's terms' postings: in one statement where the dialect has one (<see cref="RecallSql.PostingListsOfTerms"/>),
/// else a term at a time through <see cref="PostingsAsync(string, RecallFilter, int, List{RecallPosting}, CancellationToken)"/>.</summary>
internal sealed partial class RecallIndexStore
{
    public async Task<IRecallPostingReader> PostingsOfAsync(IReadOnlyList<string> terms, RecallFilter filter, int perTermCap,
        CancellationToken cancellationToken)
    {
        var order = new TermOrder(terms);
        var sql = filter.ProjectId is null ? Sql.PostingListsOfTerms : Sql.PostingListsOfTermsInProject;
        // One statement only where the lists' lengths alone can say a word is over its cap (no kind or time condition on
        // the postings themselves), as the term-at-a-time read does; a filtered word is read alone and stops at its cap.
        if (sql is null || terms.Count == 0 || !LengthsTellTheCount(filter))
        {
            return new OneTermAtATime(this, filter, order);
        }
        var command = scope.Statement(sql).Bind("@UserId", scope.UserId).Bind("@terms", terms.ToArray())
            .Bind("@maxBytes", (long)perTermCap * RecallPostingList.Size);
        if (filter.ProjectId is not null) command.Bind("@projectId", filter.ProjectId);
        return new AllTermsAtOnce(await command.ExecuteReaderAsync(cancellationToken), order, filter, perTermCap);
    }

    /// <summary>The terms' positions, and the contract that each is asked for once, in order.</summary>
    private sealed class TermOrder
    {
        private readonly Dictionary<string, int> _positions;
        private int _asked = -1;

        public TermOrder(IReadOnlyList<string> terms)
        {
            _positions = new Dictionary<string, int>(terms.Count, StringComparer.Ordinal);
            for (var i = 0; i < terms.Count; i++)
            {
                if (!_positions.TryAdd(terms[i], i)) throw new ArgumentException($"The term '{terms[i]}' is given twice.", nameof(terms));
            }
        }

        public int PositionOf(string term) => _positions[term];

        /// <summary>The position of the term now asked for.</summary>
        public int Ask(string term)
        {
            if (!_positions.TryGetValue(term, out var position) || position <= _asked)
            {
                throw new InvalidOperationException($"The term '{term}' was not given, or is asked for out of order or twice.");
            }
            return _asked = position;
        }
    }

    private sealed class OneTermAtATime(RecallIndexStore store, RecallFilter filter, TermOrder order) : IRecallPostingReader
    {
        public Task<bool> PostingsAsync(string term, int cap, List<RecallPosting> into, CancellationToken cancellationToken)
        {
            order.Ask(term);
            return store.PostingsAsync(term, filter, cap, into, cancellationToken);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>The rows of <see cref="RecallSql.PostingListsOfTerms"/>, consumed term by term in the terms' order.</summary>
    private sealed class AllTermsAtOnce(DbDataReader reader, TermOrder order, RecallFilter filter, int perTermCap)
        : IRecallPostingReader
    {
        private bool _current; // the reader is on a row not consumed yet
        private bool _ended;

        public async Task<bool> PostingsAsync(string term, int cap, List<RecallPosting> into, CancellationToken cancellationToken)
        {
            into.Clear();
            var position = order.Ask(term);
            if (cap > perTermCap) throw new ArgumentOutOfRangeException(nameof(cap), $"The cap {cap} is over the reader's {perTermCap}.");
            // Rows of terms given but not asked for (their word skipped) are passed over.
            while (await NextAsync(cancellationToken) && order.PositionOf(reader.GetString(0)) < position) _current = false;
            if (!_current || reader.GetString(0) != term) return true; // no lists: the word is in nothing
            var within = true;
            while (_current && reader.GetString(0) == term)
            {
                // The lists' running length says when the word passes its cap, as the count of a term read alone does (a
                // word over the reader's cap ends with a row without its list); reading stops at the cap + 1st posting.
                if (within) within = reader.GetInt64(1) / RecallPostingList.Size <= cap
                    && RecallPostingList.Decode(reader.GetString(2), reader.GetFieldValue<byte[]>(3), filter, cap, into);
                _current = false;
                await NextAsync(cancellationToken);
            }
            return within;
        }

        /// <summary>Moves to the next row unless one is current; false at the end.</summary>
        private async Task<bool> NextAsync(CancellationToken cancellationToken)
        {
            if (_current) return true;
            if (_ended) return false;
            _current = await reader.ReadAsync(cancellationToken);
            _ended = !_current;
            return _current;
        }

        public ValueTask DisposeAsync() => reader.DisposeAsync();
    }
}
