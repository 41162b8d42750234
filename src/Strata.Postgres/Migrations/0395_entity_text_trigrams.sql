-- Entity text search served by an index (issue 27): recall looks up to six of a question's words in the entities, and
-- every text query (the word rule of WordQuery: every word begins a word of the text with diacritics removed, or the
-- text contains every word) tested every entity of the user, with a regular expression over the folded text per row.
-- A trigram index (pg_trgm, shipped with PostgreSQL's contrib and trusted: a role that may create in the database may
-- install it) over the search text followed by its folded form serves a necessary condition of both tests (the text
-- with its folded form holds the word, LIKE '%word%'); the exact tests still run on the rows it finds. One index for
-- both.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Text all ASCII (the usual case) has no diacritics to remove: it is its own folded form, and the costly normalization
-- (about 2.5 microseconds a row, a third of a common word's lookup before) is skipped, here and in the query.
CREATE INDEX entities_text_trigrams ON entities
    USING gin ((CASE WHEN octet_length(search_text) = char_length(search_text) THEN search_text
                     ELSE search_text || ' ' || regexp_replace(normalize(search_text, NFD), '[\u0300-\u036f]', '', 'g') END) gin_trgm_ops);

-- The index is read through this function, not by the session's own query: LIKE is not leakproof, so under row-level
-- security the planner may not test it before the policy, and a session (strata_app) never used the index. The
-- function runs as the tables' owner and applies the policy's own condition itself (the user of strata.user_id), so
-- it finds only the session user's entities, as the policy would: the ids of those whose text (or folded text) is
-- LIKE one of the patterns. The caller still applies its exact tests, and the policy, to the rows these ids name.
CREATE FUNCTION strata_entity_text_candidates(patterns TEXT[]) RETURNS SETOF TEXT
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public ROWS 100
    AS $$
    SELECT e.id FROM unnest(patterns) p(pattern) CROSS JOIN LATERAL (
        SELECT id FROM entities WHERE user_id = current_setting('strata.user_id', true)
            AND (CASE WHEN octet_length(search_text) = char_length(search_text) THEN search_text
                      ELSE search_text || ' ' || regexp_replace(normalize(search_text, NFD), '[\u0300-\u036f]', '', 'g') END) LIKE p.pattern) e
    $$;
REVOKE ALL ON FUNCTION strata_entity_text_candidates(TEXT[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION strata_entity_text_candidates(TEXT[]) TO strata_app;
