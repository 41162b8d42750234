using Dapper;
using Npgsql;
using Strata.Storage.Compliance;

namespace Strata.Postgres.Tests;

/// <summary>
/// Migration 0420 reads a common word's first page newest first and stops at the page, where 0400 ranked every row the
/// trigram index found. The page must be the same either way: over 6,000 entities of one user (and the same texts for
/// another user, all newer), with whole-word matches, matches inside longer words (which rank after whole-word ones), accented spellings, two types,
/// merged entities and pairs of entities updated at the same moment, the function's page (called as the application
/// role under the user's policy) equals 0400's ranking written out as a query, for a common word (the walk answers), a
/// word whose newest entities hold too few whole-word matches (the walk falls short and the full ranking answers), two
/// words, a type, merged entities included, later pages and a page past the walk's bound.
/// </summary>
public sealed class PostgresEntityTextPageTests : IAsyncLifetime
{
    private string? _url;

    // Entity i of each user: updated at base + i/2 seconds (pairs tie, so the id decides), usr_b's a day later.
    private const string Rows = """
        INSERT INTO users (id, name, plan, created_at) SELECT 'usr_' || u, u, 'free', now() FROM unnest(ARRAY['a', 'b']) u;
        INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, updated_at, merged_into, search_text)
        SELECT 'ent_' || u || lpad(i::text, 5, '0'), 'usr_' || u, CASE WHEN i % 3 = 0 THEN 'company' ELSE 'contact' END, 'Entity ' || i,
            now(), timestamptz '2026-01-01' + (i / 2) * interval '1 second' + CASE WHEN u = 'b' THEN interval '1 day' ELSE interval '0' END,
            CASE WHEN i % 13 = 0 THEN 'ent_' || u || '00001' END,
            'person ' || i
            || CASE WHEN i % 10 = 0 THEN ' make' WHEN i % 10 = 1 THEN ' remake' WHEN i % 10 = 2 THEN ' máke it' WHEN i % 10 = 3 THEN ' makeover' ELSE '' END
            || CASE WHEN (i >= 5800 AND i % 40 = 0) OR (i < 500 AND i % 7 = 0) THEN ' alpha' WHEN i % 11 = 0 THEN ' xalpha' ELSE '' END
            || CASE WHEN i % 997 = 5 THEN ' zoë-zoéx' ELSE '' END
        FROM unnest(ARRAY['a', 'b']) u, generate_series(0, 5999) i;
        """;

    /// <summary>Migration 0400's ranking of the whole set, as the owner reads it for user 'usr_a'.</summary>
    private const string Reference = """
        SELECT e.id FROM entities e
            CROSS JOIN LATERAL (SELECT CASE WHEN octet_length(e.search_text) = char_length(e.search_text) THEN e.search_text
                ELSE regexp_replace(normalize(e.search_text, NFD), '[\u0300-\u036f]', '', 'g') END AS folded) f
            CROSS JOIN LATERAL (SELECT NOT EXISTS (SELECT 1 FROM unnest(@begins) b(p) WHERE NOT f.folded ~ b.p) AS whole) w
        WHERE e.user_id = 'usr_a'
            AND (CASE WHEN octet_length(e.search_text) = char_length(e.search_text) THEN e.search_text
                      ELSE e.search_text || ' ' || regexp_replace(normalize(e.search_text, NFD), '[\u0300-\u036f]', '', 'g') END) LIKE @pattern
            AND (@wantedType::text IS NULL OR e.entity_type = @wantedType)
            AND (@withMerged OR e.merged_into IS NULL)
            AND (w.whole OR NOT EXISTS (SELECT 1 FROM unnest(@words) x(word) WHERE strpos(e.search_text, x.word) = 0))
        ORDER BY w.whole DESC, e.updated_at DESC, e.id
        LIMIT @pageLimit OFFSET @pageOffset
        """;

    public async Task InitializeAsync() => _url = await PostgresTestDatabase.CreateHoldingAsync(Rows);

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_url is not null) await PostgresTestDatabase.DropAsync(_url);
    }

    [Theory]
    [InlineData("make", null, false, 20, 0)]
    [InlineData("make", null, true, 20, 0)]
    [InlineData("make", "contact", false, 20, 0)]
    [InlineData("make", null, false, 20, 40)]
    [InlineData("make", null, false, 60, 60)]
    [InlineData("make", null, false, 1, 0)]
    [InlineData("alpha", null, false, 20, 0)]
    [InlineData("alpha", null, true, 10, 0)]
    [InlineData("make person", null, false, 20, 0)]
    [InlineData("person", "company", true, 30, 5)]
    public async Task A_page_read_newest_first_is_the_page_of_the_whole_ranking(string query, string? type, bool merged, int limit, int offset)
    {
        var words = query.Split(' ');
        var parameters = new
        {
            pattern = "%" + words.OrderByDescending(w => w.Length).First() + "%",
            words,
            begins = words.Select(w => "(^|[^[:alnum:]])" + w).ToArray(),
            wantedType = type,
            withMerged = merged,
            pageLimit = limit,
            pageOffset = offset,
        };
        await using var owner = new NpgsqlConnection(_url + ";Pooling=false");
        var expected = (await owner.QueryAsync<string>(Reference, parameters)).ToList();

        var page = await AsApplicationAsync("""
            SELECT p.id FROM strata_entity_text_page(@pattern, @words, @begins, @wantedType, @withMerged, @pageLimit, @pageOffset)
                WITH ORDINALITY AS p(id, n) ORDER BY p.n
            """, parameters);

        Assert.NotEmpty(page);
        Assert.Equal(expected, page);
        Assert.All(page, id => Assert.StartsWith("ent_a", id, StringComparison.Ordinal));
    }

    /// <summary>Migration 0500's page of whole-word matches, from its index of words (or from the newest entities for a common
    /// word), is 0400's ranking restricted to its whole-word tier: "make" finds "make", "máke" and "makeover" but not
    /// "remake"; words written with diacritics and joined by a hyphen ("zoë-zoéx"); a word of two letters, digits, two words, a type, merged entities, later pages and a page past the
    /// walk's bound; and a word that begins no word finds nothing (while 0400's page holds the rows that contain it).</summary>
    [Theory]
    [InlineData("make", null, false, 20, 0)]
    [InlineData("make", null, true, 20, 0)]
    [InlineData("make", "contact", false, 20, 0)]
    [InlineData("make", null, false, 20, 40)]
    [InlineData("make", null, false, 60, 60)]
    [InlineData("make", null, false, 1, 0)]
    [InlineData("makeo", null, false, 20, 0)]
    [InlineData("alpha", null, false, 20, 0)]
    [InlineData("alpha", null, true, 10, 0)]
    [InlineData("person", null, false, 20, 2000)]
    [InlineData("ma", null, false, 20, 0)]
    [InlineData("599", null, false, 30, 0)]
    [InlineData("make person", null, false, 20, 0)]
    [InlineData("person 12", "company", true, 30, 5)]
    [InlineData("emake", null, false, 20, 0)]
    [InlineData("zoe", null, true, 20, 0)]
    [InlineData("zoex", null, true, 20, 0)]
    public async Task A_page_of_whole_words_from_the_word_index_is_the_whole_word_part_of_the_ranking(string query, string? type, bool merged,
        int limit, int offset)
    {
        var words = query.Split(' ');
        var parameters = new
        {
            pattern = "%" + words.OrderByDescending(w => w.Length).First() + "%",
            words,
            begins = words.Select(w => "(^|[^[:alnum:]])" + w).ToArray(),
            prefixes = string.Join(" & ", words.Select(w => "'" + w + "':*")),
            wantedType = type,
            withMerged = merged,
            pageLimit = 10_000,
            pageOffset = 0,
        };
        await using var owner = new NpgsqlConnection(_url + ";Pooling=false");
        var whole = (await owner.QueryAsync<string>(Reference.Replace("ORDER BY w.whole DESC,", "AND w.whole ORDER BY", StringComparison.Ordinal), parameters))
            .ToList();
        var expected = whole.Skip(offset).Take(limit).ToList();

        var page = await AsApplicationAsync("""
            SELECT p.id FROM strata_entity_word_page(@prefixes::tsquery, @begins, @wantedType, @withMerged, @limit, @offset)
                WITH ORDINALITY AS p(id, n) ORDER BY p.n
            """, new { parameters.prefixes, parameters.begins, parameters.wantedType, parameters.withMerged, limit, offset });

        Assert.Equal(expected, page);
        Assert.All(page, id => Assert.StartsWith("ent_a", id, StringComparison.Ordinal));
        if (query == "emake")
        {
            Assert.Empty(whole);
            var contains = await owner.QueryAsync<string>(Reference, parameters);
            Assert.NotEmpty(contains);
        }
        else
        {
            Assert.NotEmpty(page);
        }
    }

    /// <summary>The ids <paramref name="sql"/> returns run as the application role under usr_a's policy, as a session runs it.</summary>
    private async Task<List<string>> AsApplicationAsync(string sql, object parameters)
    {
        await using var connection = new NpgsqlConnection(_url + ";Pooling=false");
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT set_config('strata.user_id', 'usr_a', true); SET LOCAL ROLE strata_app;", transaction: transaction);
        return (await connection.QueryAsync<string>(sql, parameters, transaction)).ToList();
    }
}
