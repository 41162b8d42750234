-- Recall's entity lookups by whole words served by an index of words (issue 27: on PostgreSQL a question's six entity
-- lookups were two thirds of its server time; docs/recall.md, "PostgreSQL: an index of the entities' words").
--
-- A lookup of whole words (EntityQuery.WordsOnly: every word begins a word of the folded text) was answered from the
-- trigram index of 0395: every entity holding the word anywhere ("dog" in "hotdogs", "app" in "happy") is a candidate,
-- and each is read and tested with a regular expression. A GIN index of each entity's words answers the question
-- itself: the text cut into its words where a character that is not [:alnum:] stands (what the regular expression's
-- "(^|[^[:alnum:]])word" means by a word's beginning), and a query word that is a prefix of one of them (a tsquery
-- 'word':* — the lexemes are the words as they are, no parser or dictionary of text search touches them). For a word of
-- ASCII letters and digits, an entity matches the regular expression exactly when one of its words begins with the
-- query word, so the index finds the matches and nothing else; the expression is still tested on the rows found.
--
-- The words are the folded text's (diacritics removed, as in 0395), each at most 100 characters (a tsvector's lexeme
-- may not be longer than 2 kB; a query word longer than 100 is answered by the trigram page): a query word of at most
-- 100 characters is a prefix of a word exactly when it is one of the word's first 100 characters. The search text is
-- at most 4,096 characters, so the vector is far below a tsvector's 1 MB.
CREATE FUNCTION strata_entity_words(search_text TEXT) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000
    AS $$
    SELECT array_to_tsvector(ARRAY(
        SELECT DISTINCT left(w.word, 100) FROM regexp_split_to_table(
            CASE WHEN octet_length(search_text) = char_length(search_text) THEN search_text
                 ELSE regexp_replace(normalize(search_text, NFD), '[\u0300-\u036f]', '', 'g') END,
            '[^[:alnum:]]+') w(word)
        WHERE w.word <> ''))
    $$;

-- The same short pending list as the trigram index (0410): inserts batched, the list bounded on disk.
CREATE INDEX entities_text_words ON entities USING gin (strata_entity_words(search_text)) WITH (gin_pending_list_limit = 64);

-- A page of whole-word matches: the user's entities (of the type asked, merged ones only when asked) where every word
-- of `begins` (the regular expressions, as 0400 takes them) matches, newest first, then by id — the rows and order of
-- 0400's page restricted to its whole-word tier, which is what a WordsOnly query keeps. `prefixes` is the tsquery of
-- the same words ('ann':* & 'lee':*). A common word's page is read from the newest entities first, as 0420 does (the
-- same test: the newest 200 hold the words at least 4 times); otherwise, and when that walk falls short, from the
-- index. Like 0400 it runs as the tables' owner (the match operator is not leakproof, so under row-level security a
-- session could not use the index) and applies the policy's own condition itself, the user of strata.user_id.
CREATE FUNCTION strata_entity_word_page(prefixes tsquery, begins TEXT[], wanted_type TEXT, with_merged BOOLEAN,
    page_limit INTEGER, page_offset INTEGER) RETURNS SETOF TEXT
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public ROWS 20
    AS $$
DECLARE
    wanted INTEGER := page_limit + page_offset;
    newest TEXT[];
BEGIN
    IF wanted BETWEEN 1 AND 100 AND (
        SELECT count(*) FROM (
            SELECT e.search_text FROM entities e WHERE e.user_id = current_setting('strata.user_id', true)
            ORDER BY e.updated_at DESC, e.id LIMIT 200) p
        WHERE (CASE WHEN octet_length(p.search_text) = char_length(p.search_text) THEN p.search_text
                    ELSE regexp_replace(normalize(p.search_text, NFD), '[\u0300-\u036f]', '', 'g') END) ~ ALL (begins)) >= 4
    THEN
        SELECT array_agg(n.id ORDER BY n.updated_at DESC, n.id) INTO newest FROM (
            SELECT e.id, e.updated_at FROM (
                SELECT * FROM entities WHERE user_id = current_setting('strata.user_id', true)
                ORDER BY updated_at DESC, id LIMIT 5000) e
            WHERE (wanted_type IS NULL OR e.entity_type = wanted_type)
                AND (with_merged OR e.merged_into IS NULL)
                AND (CASE WHEN octet_length(e.search_text) = char_length(e.search_text) THEN e.search_text
                          ELSE regexp_replace(normalize(e.search_text, NFD), '[\u0300-\u036f]', '', 'g') END) ~ ALL (begins)
            ORDER BY e.updated_at DESC, e.id LIMIT wanted) n;
        IF coalesce(cardinality(newest), 0) >= wanted THEN
            RETURN QUERY SELECT u.id FROM unnest(newest[page_offset + 1 : wanted]) WITH ORDINALITY AS u(id, n) ORDER BY u.n;
            RETURN;
        END IF;
    END IF;
    -- The index's rows first, on their own (MATERIALIZED): with the page's ORDER BY and LIMIT in the same query the
    -- planner may instead walk the user's entities newest first and compute each one's words until it has a page,
    -- which for a rare word is every entity (109 ms against 6.6 ms for "coffee" at 100,000).
    RETURN QUERY
        WITH found AS MATERIALIZED (
            SELECT e.id, e.updated_at, e.entity_type, e.merged_into, e.search_text FROM entities e
            WHERE strata_entity_words(e.search_text) @@ prefixes AND e.user_id = current_setting('strata.user_id', true))
        SELECT f.id FROM found f
        WHERE (wanted_type IS NULL OR f.entity_type = wanted_type)
            AND (with_merged OR f.merged_into IS NULL)
            AND (CASE WHEN octet_length(f.search_text) = char_length(f.search_text) THEN f.search_text
                      ELSE regexp_replace(normalize(f.search_text, NFD), '[\u0300-\u036f]', '', 'g') END) ~ ALL (begins)
        ORDER BY f.updated_at DESC, f.id
        LIMIT page_limit OFFSET page_offset;
END
$$;
REVOKE ALL ON FUNCTION strata_entity_word_page(tsquery, TEXT[], TEXT, BOOLEAN, INTEGER, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION strata_entity_word_page(tsquery, TEXT[], TEXT, BOOLEAN, INTEGER, INTEGER) TO strata_app;
