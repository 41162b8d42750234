using System.Text;
using Dapper;
using Strata.Core.Entities;
using Strata.Core.Snapshots;
using Strata.Relational.Entities;

namespace Strata.Postgres.Storage;

internal sealed partial class PostgresEntityStore
{
    /// <summary>Every word of the query must occur in the entity's search text (its name and values, lower-cased). A
    /// query of whole words (<see cref="WordQuery"/>) also finds, and ranks first, the entities where every word begins
    /// a word of the text with diacritics removed, as SQLite's word index does; the rest follow, each part newest first.</summary>
    /// <remarks>The trigram index of migration 0395 finds the rows that may match (<see cref="IndexedCondition"/>); the exact
    /// tests and the rank run on those rows only. Recall's lookups (<see cref="EntityQuery.WordsOnly"/>) of ASCII words read
    /// migration 0500's index of words instead (<see cref="WordPrefixes"/>), which finds the whole-word matches and no
    /// word that merely contains the query's. A word begins where no letter or digit comes before it ([:alnum:], which under a UTF-8 ctype knows letters of
    /// every script, as SQLite's unicode61 does).</remarks>
    public async Task<(IReadOnlyList<Snapshot> Items, int? Total)> QueryAsync(EntityQuery query, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE user_id = @UserId");
        var parameters = new DynamicParameters(new { scope.UserId, query.Paging.Limit, query.Paging.Offset });
        if (query.EntityType is not null)
        {
            where.Append(" AND entity_type = @entityType");
            parameters.Add("entityType", query.EntityType);
        }
        if (!query.IncludeMerged)
        {
            where.Append(" AND merged_into IS NULL");
        }
        var contains = new StringBuilder("true");
        var i = 0;
        var raw = query.Text!.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        foreach (var word in raw)
        {
            contains.Append($" AND strpos(search_text, @word{i}) > 0");
            parameters.Add($"word{i++}", word);
        }
        var from = "entities";
        var rank = "";
        var wordQuery = WordQuery.Of(query.Text);
        where.Append(IndexedCondition(raw, wordQuery?.Words, parameters));
        if (wordQuery is { } words)
        {
            from = $"entities CROSS JOIN LATERAL (SELECT {Folded("search_text")} AS folded) f";
            var begins = new StringBuilder("true");
            i = 0;
            foreach (var word in words.Words)
            {
                begins.Append($" AND f.folded ~ @begins{i}");
                parameters.Add($"begins{i++}", "(^|[^[:alnum:]])" + word);
            }
            rank = $"({begins}) DESC, ";
            if (query.WordsOnly) contains.Clear().Append(begins);
            else contains.Insert(0, $"({begins}) OR (").Append(')');
        }
        where.Append($" AND ({contains})");
        var columns = EntityRows.ReadingProvenance(SnapshotColumns, query.WithProvenance);
        var rows = query.WordsOnly && WordPrefixes(wordQuery) is { } prefixes
            ? await scope.Connection.QueryAsync<SnapshotRow>(
                $"""
                WITH page AS MATERIALIZED (
                    SELECT p.page_id, p.n FROM strata_entity_word_page(@prefixes::tsquery, @begins::text[], @entityType::text, @includeMerged, @Limit, @Offset)
                        WITH ORDINALITY AS p(page_id, n))
                SELECT {columns} FROM page JOIN entities ON entities.id = page.page_id WHERE entities.user_id = @UserId {WordsOnlyFilter(query, wordQuery)}
                ORDER BY page.n
                """,
                new
                {
                    scope.UserId, query.Paging.Limit, query.Paging.Offset, query.EntityType, includeMerged = query.IncludeMerged, prefixes,
                    begins = wordQuery!.Words.Select(w => "(^|[^[:alnum:]])" + w).ToArray(),
                },
                scope.Transaction)
            : IndexedWord(raw, wordQuery?.Words) is { } indexed
            ? await scope.Connection.QueryAsync<SnapshotRow>(
                $"""
                WITH page AS MATERIALIZED (
                    SELECT p.page_id, p.n FROM strata_entity_text_page(@pattern, @words, @begins::text[], @entityType::text, @includeMerged, @Limit, @Offset)
                        WITH ORDINALITY AS p(page_id, n))
                SELECT {columns} FROM page JOIN entities ON entities.id = page.page_id WHERE entities.user_id = @UserId {WordsOnlyFilter(query, wordQuery)}
                ORDER BY page.n
                """,
                new
                {
                    scope.UserId, query.Paging.Limit, query.Paging.Offset, query.EntityType, includeMerged = query.IncludeMerged,
                    pattern = Like(indexed), words = raw.ToArray(),
                    begins = wordQuery?.Words.Select(w => "(^|[^[:alnum:]])" + w).ToArray(),
                },
                scope.Transaction)
            : await scope.Connection.QueryAsync<SnapshotRow>(
                $"SELECT {columns} FROM {from} {where} ORDER BY {rank}updated_at DESC, id LIMIT @Limit OFFSET @Offset", parameters, scope.Transaction);
        int? total = query.Paging.IncludeTotal
            ? await scope.Connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM {from} {where}", parameters, scope.Transaction)
            : null;
        return (rows.Select(r => r.ToSnapshot()).ToList(), total);
    }

    /// <summary>The tsquery migration 0500's index of words answers for a query of whole words ('ann':* &amp; 'lee':*), when
    /// every word is ASCII letters and digits of at most 100 characters: for those, "begins a word" (the regular
    /// expression's [:alnum:] boundary) is exactly "is a prefix of one of the words the index holds". Null otherwise (a
    /// word of other letters, whose class the two sides might draw differently): the trigram page answers.</summary>
    private static string? WordPrefixes(WordQuery? words) =>
        words is not null && words.Words.All(w => w.Length <= 100 && w.All(char.IsAsciiLetterOrDigit))
            ? string.Join(" & ", words.Words.Select(w => "'" + w + "':*"))
            : null;

    /// <summary>For <see cref="EntityQuery.WordsOnly"/>: the page's rows where every word begins a word of the folded text.
    /// The page ranks those first, so the ones it holds are the words-only list's rows at the same offset.</summary>
    private static string WordsOnlyFilter(EntityQuery query, WordQuery? words) => query.WordsOnly && words is not null
        ? $" AND {Folded("entities.search_text")} ~ ALL (@begins::text[])"
        : "";

    /// <summary><paramref name="column"/> without its combining diacritical marks, as <see cref="WordQuery.Fold"/>; text all
    /// ASCII has none, and is not normalized (the costly part).</summary>
    private static string Folded(string column) => $"""
        (CASE WHEN octet_length({column}) = char_length({column}) THEN {column}
              ELSE regexp_replace(normalize({column}, NFD), '[\u0300-\u036f]', '', 'g') END)
        """;

    /// <summary>A condition every match meets that the trigram index of migration 0395 answers (through its function: see
    /// there why not directly): each word of three characters or more (a trigram's length; a shorter word is left to
    /// the exact test alone) is in the text, or in its folded form. A row that contains the word has it in the text; a
    /// row where the folded word begins a word has that in the folded form, so the condition is true of both tiers and
    /// only spares the rows that match neither.</summary>
    private static string IndexedCondition(IReadOnlyList<string> raw, IReadOnlyList<string>? folded, DynamicParameters parameters)
    {
        var condition = new StringBuilder();
        for (var i = 0; i < raw.Count; i++)
        {
            var spellings = new[] { raw[i], folded?[i] ?? raw[i] }.Distinct(StringComparer.Ordinal).ToArray();
            if (spellings.Any(w => w.Length < 3)) continue;
            condition.Append($" AND id IN (SELECT strata_entity_text_candidates(@like{i}))");
            parameters.Add($"like{i}", spellings.Select(Like).ToArray());
        }
        return condition.ToString();
    }

    /// <summary>The word the page's one pass (migration 0400) looks up in the trigram index: the longest the index can
    /// answer (three characters or more, folded when the query is of whole words), the rarest as a rule. Every match holds
    /// it in its text or folded text, so the exact tests on the rows it finds give the same page as the query over all of
    /// the user's rows. Null when every word is shorter than a trigram: that query tests every row, as before.</summary>
    private static string? IndexedWord(IReadOnlyList<string> raw, IReadOnlyList<string>? folded) =>
        Enumerable.Range(0, raw.Count).Select(i => folded?[i] ?? raw[i]).Where(w => w.Length >= 3)
            .OrderByDescending(w => w.Length).FirstOrDefault();

    /// <summary>A LIKE pattern that finds the word anywhere, its own wildcards escaped.</summary>
    private static string Like(string word) => "%" + word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
