-- A common word's page read newest first (issue 27: recall's entity lookups on PostgreSQL; docs/recall.md, "Where a
-- common word's lookup goes"). 0400's function ranks every row the trigram index finds: for a word in 2,790 of 100,000
-- entities ("make") that is 22–28 ms, where the page's 20 rows are among the newest few hundred. The page ranks the
-- rows where every folded word begins a word of the folded text (the whole-word tier) first, newest first; so when
-- the newest `window` entities (entities_by_user, whose order is the page's) already hold a page of whole-word matches,
-- those are the page: every whole-word match outside the window is older than every one inside it. That walk stops at
-- the page (3.4 ms for "make"), but a walk that finds too few is wasted (5.5 ms for 2,000 entities, 11 ms for 5,000),
-- so it runs only when the newest 200 entities hold the query's whole words at least 4 times (2%: a word common enough
-- that the window almost always holds a page), for a first page of at most 100 rows. Otherwise, and whenever the
-- window falls short, the function answers exactly as 0400's did. Same rows in the same order either way.
--
-- 0400's function keeps its query under a new name, strata_entity_text_ranked, and answers whatever the walk does not;
-- strata_entity_text_page is the walk in front of it, and calls it as the owner (the session no longer may).
ALTER FUNCTION strata_entity_text_page(TEXT, TEXT[], TEXT[], TEXT, BOOLEAN, INTEGER, INTEGER) RENAME TO strata_entity_text_ranked;
REVOKE EXECUTE ON FUNCTION strata_entity_text_ranked(TEXT, TEXT[], TEXT[], TEXT, BOOLEAN, INTEGER, INTEGER) FROM strata_app;

CREATE FUNCTION strata_entity_text_page(pattern TEXT, words TEXT[], begins TEXT[], wanted_type TEXT, with_merged BOOLEAN,
    page_limit INTEGER, page_offset INTEGER) RETURNS SETOF TEXT
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public ROWS 20
    AS $$
DECLARE
    wanted INTEGER := page_limit + page_offset;
    newest TEXT[];
BEGIN
    IF begins IS NOT NULL AND wanted BETWEEN 1 AND 100 AND (
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
            WHERE (CASE WHEN octet_length(e.search_text) = char_length(e.search_text) THEN e.search_text
                        ELSE e.search_text || ' ' || regexp_replace(normalize(e.search_text, NFD), '[\u0300-\u036f]', '', 'g') END) LIKE pattern
                AND (wanted_type IS NULL OR e.entity_type = wanted_type)
                AND (with_merged OR e.merged_into IS NULL)
                AND (CASE WHEN octet_length(e.search_text) = char_length(e.search_text) THEN e.search_text
                          ELSE regexp_replace(normalize(e.search_text, NFD), '[\u0300-\u036f]', '', 'g') END) ~ ALL (begins)
            ORDER BY e.updated_at DESC, e.id LIMIT wanted) n;
        IF coalesce(cardinality(newest), 0) >= wanted THEN
            RETURN QUERY SELECT u.id FROM unnest(newest[page_offset + 1 : wanted]) WITH ORDINALITY AS u(id, n) ORDER BY u.n;
            RETURN;
        END IF;
    END IF;
    RETURN QUERY SELECT r.id FROM strata_entity_text_ranked(pattern, words, begins, wanted_type, with_merged, page_limit, page_offset)
        WITH ORDINALITY AS r(id, n) ORDER BY r.n;
END
$$;
REVOKE ALL ON FUNCTION strata_entity_text_page(TEXT, TEXT[], TEXT[], TEXT, BOOLEAN, INTEGER, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION strata_entity_text_page(TEXT, TEXT[], TEXT[], TEXT, BOOLEAN, INTEGER, INTEGER) TO strata_app;
