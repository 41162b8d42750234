-- A text query's page in one pass over the rows the trigram index finds (issue 27: recall's entity lookups were most of
-- a question's time on PostgreSQL). Migration 0395's function returns every candidate id; the session's query then
-- fetched each candidate again by its primary key to apply the exact tests and the rank, and kept 20: a common word
-- ("make": 2,790 of 100,000 entities) cost 27 ms, of which 13 ms were those lookups. This function applies the exact
-- tests and the rank to the rows the bitmap scan has already read and returns only the page's ids, in order; the
-- session then reads those rows (under its policy) by their ids. Like 0395's function it runs as the tables' owner
-- (LIKE is not leakproof: under row-level security the session could not use the index) and applies the policy's own
-- condition itself, the user of strata.user_id.
--
-- The rows are the same as the session's own query gives (PostgresEntityStore.QueryAsync): of the user's entities (of
-- the type asked, merged ones only when asked), those where every folded word begins a word of the folded text
-- (`begins`, NULL when the query is not of whole words) or the text contains every word (`words`), ranked the first
-- kind first, then newest, then by id. `pattern` is one word of the query as a LIKE pattern ('%word%', the word folded
-- when the query is of whole words): every match holds it in its text or its folded form (0395's index expression),
-- since the folded form of a text that contains a word contains the folded word; so it only spares the rows that match
-- nothing.
CREATE FUNCTION strata_entity_text_page(pattern TEXT, words TEXT[], begins TEXT[], wanted_type TEXT, with_merged BOOLEAN,
    page_limit INTEGER, page_offset INTEGER) RETURNS SETOF TEXT
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public ROWS 20
    AS $$
    SELECT e.id FROM entities e
        CROSS JOIN LATERAL (SELECT CASE WHEN octet_length(e.search_text) = char_length(e.search_text) THEN e.search_text
            ELSE regexp_replace(normalize(e.search_text, NFD), '[\u0300-\u036f]', '', 'g') END AS folded) f
        CROSS JOIN LATERAL (SELECT begins IS NOT NULL AND NOT EXISTS (SELECT 1 FROM unnest(begins) b(p) WHERE NOT f.folded ~ b.p) AS whole) w
    WHERE e.user_id = current_setting('strata.user_id', true)
        AND (CASE WHEN octet_length(e.search_text) = char_length(e.search_text) THEN e.search_text
                  ELSE e.search_text || ' ' || regexp_replace(normalize(e.search_text, NFD), '[\u0300-\u036f]', '', 'g') END) LIKE pattern
        AND (wanted_type IS NULL OR e.entity_type = wanted_type)
        AND (with_merged OR e.merged_into IS NULL)
        AND (w.whole OR NOT EXISTS (SELECT 1 FROM unnest(words) x(word) WHERE strpos(e.search_text, x.word) = 0))
    ORDER BY w.whole DESC, e.updated_at DESC, e.id
    LIMIT page_limit OFFSET page_offset
    $$;
REVOKE ALL ON FUNCTION strata_entity_text_page(TEXT, TEXT[], TEXT[], TEXT, BOOLEAN, INTEGER, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION strata_entity_text_page(TEXT, TEXT[], TEXT[], TEXT, BOOLEAN, INTEGER, INTEGER) TO strata_app;
