using System.Text;
using Microsoft.Data.Sqlite;
using Strata.Core;
using Strata.Core.Entities;
using Strata.Core.Snapshots;
using Strata.Relational.Entities;

namespace Strata.Sqlite.Storage;

internal sealed partial class SqliteEntityStore
{
    /// <summary>A query of whole words (<see cref="WordQuery"/>) reads the word index first: entities where every word
    /// begins a word of the text, newest first. Only when they do not fill the page (or a total is asked for) does the
    /// trigram index add the entities that contain the words elsewhere, newest first after them (not for a query that
    /// asks for <see cref="EntityQuery.WordsOnly"/>). Any other query is
    /// a substring query on the trigram index alone; words shorter than a trigram fall back to LIKE.</summary>
    /// <remarks>Each tier is driven by its full-text matches (CROSS JOIN fixes the join order; left to itself the
    /// planner walks every entity of the user by index and probes the match list), counted only when a total is asked
    /// for or the next tier needs to know where the first ended. The word postings of a name are short where a common
    /// trigram's covers most entities.</remarks>
    public async Task<(IReadOnlyList<Snapshot> Items, int? Total)> QueryAsync(EntityQuery query, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE e.user_row = ").Append(SqliteDialect.UserRow);
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal) { ["UserId"] = scope.UserId };
        if (query.EntityType is not null)
        {
            where.Append(" AND e.entity_type = @entityType");
            parameters["entityType"] = query.EntityType;
        }
        if (!query.IncludeMerged)
        {
            where.Append(" AND e.merged_into IS NULL");
        }
        var paging = query.Paging;
        var text = query.Text!;
        var columns = EntityRows.ReadingProvenance(SnapshotColumns.Replace("id AS", "e.id AS"), query.WithProvenance);
        var substrings = SubstringHits(text, where.ToString(), parameters);
        if (WordQuery.Of(text) is not { } words)
        {
            var (page, count) = await ReadTierAsync(substrings, columns, parameters, paging.Offset, paging.Limit, cancellationToken);
            return (page, paging.IncludeTotal ? count ?? await CountAsync(substrings, parameters) : null);
        }

        parameters["words"] = string.Join(' ', words.Words.Select(w => "\"" + w + "\"*"));
        const string wordRows = "SELECT w.rowid FROM entities_words w WHERE w.entities_words MATCH @words";
        var wordHits = $"SELECT e.rowid AS hit, e.updated_at AS updated_at, e.id AS id FROM entities_words w CROSS JOIN entities e ON e.rowid = w.rowid {where} AND w.entities_words MATCH @words";
        var (items, wordCount) = await ReadNewestWordHitsAsync(wordRows, where.ToString(), columns, parameters, paging, cancellationToken) is { } newest
            ? (newest, null)
            : await ReadTierAsync(wordHits, columns, parameters, paging.Offset, paging.Limit, cancellationToken);
        if (items.Count == paging.Limit && !paging.IncludeTotal)
        {
            return (items, null);
        }
        if (query.WordsOnly)
        {
            return (items, paging.IncludeTotal ? wordCount ?? await CountAsync(wordHits, parameters) : null);
        }
        var inWords = wordCount ?? await CountAsync(wordHits, parameters);
        var others = $"{substrings} AND e.rowid NOT IN ({wordRows})";
        var (more, othersCount) = items.Count == paging.Limit
            ? ([], null)
            : await ReadTierAsync(others, columns, parameters, Math.Max(0, paging.Offset - inWords), paging.Limit - items.Count, cancellationToken);
        items.AddRange(more);
        return (items, paging.IncludeTotal ? inWords + (othersCount ?? await CountAsync(others, parameters)) : null);
    }

    /// <summary>Whether the search text of entity row <c>e</c> holds the lower-cased word without spaces that is
    /// parameter @word{i} (and, as a LIKE pattern, @like{i}): the text is computed from the row (it keeps no copy since
    /// migration 0530) only where the row's plain columns cannot tell.</summary>
    /// <remarks>The text is the canonical name and the fields' values, lower-cased (<see cref="SearchTexts"/>), and
    /// computing it costs a parse of the fields (about 10 µs: half a second for a short word over 50,000 entities). The
    /// columns tell without it, LIKE folding ASCII capitals only: (1) the word in the name's first 2,048 characters (the
    /// text begins with the name, and its first 4,096 UTF-16 units hold them) is in the text — a character LIKE does not
    /// fold is one the lower-cased word holds as it is, so one lower-cased alike; (2) where the name is ASCII and at most
    /// 2,048 characters long and the fields are ASCII with no escape (as JSON writes them: no backslash), a word not in
    /// the fields is in no value, so only (1) can hold. Anything else — the word in the fields (perhaps only in a field's
    /// name), a character beyond ASCII, an escape, a long name — asks the computed text. (A character class in GLOB
    /// cost more than the rest together: length against octet_length tells ASCII.)</remarks>
    private static string TextHolds(int i) => $"""
        ((e.merged_into IS NULL AND substr(e.canonical_name, 1, 2048) LIKE @like{i} ESCAPE '\')
         OR CASE WHEN e.fields_json LIKE @like{i} ESCAPE '\' OR length(e.fields_json) <> octet_length(e.fields_json)
                   OR instr(e.fields_json, '\') > 0 OR length(e.canonical_name) <> octet_length(e.canonical_name)
                   OR length(e.canonical_name) > 2048
            THEN instr({SqliteFunctions.SearchTextOf("e")}, @word{i}) > 0 ELSE 0 END)
        """;

    /// <summary>Rows (hit, updated_at, id) of the entities that contain every word of the text: for words of three
    /// characters or more, the trigram index names the entities holding each of the word's trigrams and the row's text is
    /// checked for the word itself (the index keeps no positions, migration 0480); shorter words are checked on every
    /// entity (<see cref="TextHolds"/>).</summary>
    private static string SubstringHits(string text, string where, Dictionary<string, object?> parameters)
    {
        var filter = new StringBuilder(where);
        var words = text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var i = 0;
        var trigrams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            var pieces = TrigramQuery.Trigrams(word);
            trigrams.UnionWith(pieces);
            filter.Append($" AND {TextHolds(i)}");
            parameters[$"like{i}"] = "%" + word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            parameters[$"word{i++}"] = word;
        }
        if (trigrams.Count == 0)
        {
            return $"SELECT e.rowid AS hit, e.updated_at AS updated_at, e.id AS id FROM entities e {filter}";
        }
        parameters["match"] = TrigramQuery.Match(trigrams);
        return $"SELECT e.rowid AS hit, e.updated_at AS updated_at, e.id AS id FROM entities_fts f CROSS JOIN entities e ON e.rowid = f.rowid {filter} AND f.entities_fts MATCH @match";
    }

    /// <summary>One page of the hits, newest first, with the number of hits when the page itself tells it (the first
    /// page, not full); otherwise a caller that needs it counts (<see cref="CountAsync"/>).</summary>
    /// <remarks>The page is picked from the hits' keys alone (a sort that keeps only the page), then its rows are read:
    /// a common word's hundreds of hits are neither stored aside nor counted for a page that does not need it.</remarks>
    private async Task<(List<Snapshot> Items, int? Count)> ReadTierAsync(string hits, string columns, Dictionary<string, object?> parameters,
        int offset, int limit, CancellationToken cancellationToken)
    {
        var items = await ReadSnapshotsAsync($"""
            SELECT {columns}
            FROM (SELECT hit FROM ({hits}) ORDER BY updated_at DESC, id {PageLimit}) page
            CROSS JOIN entities e ON e.rowid = page.hit
            ORDER BY e.updated_at DESC, e.id
            """, Paged(parameters, limit, offset), cancellationToken);
        return (items, offset == 0 && items.Count < limit ? items.Count : null);
    }

    /// <summary>Word hits at or above this many are paged by <see cref="ReadNewestWordHitsAsync"/>.</summary>
    internal const int ManyWordHits = 400;

    /// <summary>How many of the user's newest entities <see cref="ReadNewestWordHitsAsync"/> looks through.</summary>
    internal const int NewestWindow = 5000;

    /// <summary>The page of a common word's hits picked from the user's newest entities, or null when it cannot be picked
    /// there (the word has fewer than <see cref="ManyWordHits"/> hits, or fewer than the page's among the
    /// <see cref="NewestWindow"/> newest entities); the caller then sorts every hit (<see cref="ReadTierAsync"/>).</summary>
    /// <remarks>Why: sorting a word's hits by time reads every hit's row, scattered through the table, and a common word
    /// (the recall bench's 100,000 entities: up to ~3,000 hits) costs milliseconds of page reads a lookup, most of a
    /// question's entity search. Here the hits are a set of row ids, and the user's time index (entities_by_user: its
    /// order is the page's, updated_at DESC, id) is walked newest first from the entity <see cref="NewestWindow"/> places
    /// down; only rows in the set are read. Every entity at or above that time is walked, so a page filled there is the
    /// page the full sort gives; the count first (the word index alone) keeps a rare word, whose few hits would rarely
    /// fill a page there, from paying for the walk.</remarks>
    private async Task<List<Snapshot>?> ReadNewestWordHitsAsync(string wordRows, string where, string columns, Dictionary<string, object?> parameters,
        Paging paging, CancellationToken cancellationToken)
    {
        if (paging.IncludeTotal || await CountAsync(wordRows, parameters) < ManyWordHits) return null;
        parameters["Window"] = NewestWindow;
        var items = await ReadSnapshotsAsync($"""
            SELECT {columns}
            FROM (SELECT e.rowid AS hit FROM entities e INDEXED BY entities_by_user
                  {where}
                  AND e.updated_at >= coalesce((SELECT updated_at FROM entities INDEXED BY entities_by_user WHERE user_row = {SqliteDialect.UserRow}
                                                ORDER BY updated_at DESC, id LIMIT 1 OFFSET @Window), -9223372036854775808)
                  AND e.rowid IN ({wordRows})
                  ORDER BY e.updated_at DESC, e.id {PageLimit}) page
            CROSS JOIN entities e ON e.rowid = page.hit
            ORDER BY e.updated_at DESC, e.id
            """, Paged(parameters, paging.Limit, paging.Offset), cancellationToken);
        return items.Count == paging.Limit ? items : null;
    }

    /// <summary>A page's bounds as expressions, not bare parameters: the SQLite Strata ships with reads a bare <c>LIMIT @n</c>'s
    /// value while planning and then compiles the statement again whenever the value is bound anew — on every run, which
    /// undid keeping these statements prepared (the newest-hits read was compiled afresh for each of a recall question's
    /// word lookups). <c>+ 0</c> leaves the value to run time; these plans do not depend on it (one sorts the hits, the other
    /// walks an index in the page's order).</summary>
    internal const string PageLimit = "LIMIT @Limit + 0 OFFSET @Offset";

    private static Dictionary<string, object?> Paged(Dictionary<string, object?> parameters, int limit, int offset)
    {
        parameters["Limit"] = limit;
        parameters["Offset"] = offset;
        return parameters;
    }

    private async Task<int> CountAsync(string hits, Dictionary<string, object?> parameters) =>
        Convert.ToInt32(await Statement($"SELECT COUNT(*) FROM ({hits})", parameters).ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The connection's prepared statement for a text built here, every value bound (a value the text does not
    /// name is passed over, as it was through Dapper).</summary>
    private SqliteCommand Statement(string sql, Dictionary<string, object?> parameters)
    {
        var command = scope.Pooled.Built(sql, scope.Transaction);
        foreach (var (name, value) in parameters) command.Bind("@" + name, value);
        return command;
    }

    private async Task<List<Snapshot>> ReadSnapshotsAsync(string sql, Dictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        var items = new List<Snapshot>();
        using var reader = await Statement(sql, parameters).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadSnapshot(reader));
        }
        return items;
    }
}
