-- Recall's postings as lists (issue 27, issue 32): one row per (user, term, document, first unit written), holding the
-- postings of the term in the units of that document written together, packed 25 bytes a posting (RecallPostingList:
-- block index, kind and whether it has a time, time, length, count in the text, count in the fields; big-endian). A
-- question read a common word's 20,000 postings as 20,000 rows, each with the user's and the document's ids again; it
-- now reads one row per document that has the word, and a posting costs 25 bytes instead of a row and an index entry.
-- A unit's postings are written once, with the unit (the units the insert added, RETURNING), so a list never repeats a
-- unit. Units leave only with all of their document's blocks (a document deleted or converted again), and the trigger
-- removes the document's lists with them (once per statement, from its transition table).
CREATE TABLE recall_posting_lists (
    user_id      TEXT NOT NULL,
    term         TEXT NOT NULL,
    document_id  TEXT NOT NULL,
    first_block  INTEGER NOT NULL,
    postings     BYTEA NOT NULL,
    PRIMARY KEY (user_id, term, document_id, first_block)
);
CREATE INDEX recall_posting_lists_by_document ON recall_posting_lists (document_id);

INSERT INTO recall_posting_lists (user_id, term, document_id, first_block, postings)
SELECT user_id, term, document_id, MIN(block_index),
    string_agg(int4send(block_index)
        || set_byte('\x00'::bytea, 0, (CASE kind WHEN 'message' THEN 1 ELSE 0 END) + (CASE WHEN at IS NULL THEN 0 ELSE 2 END))
        || int8send(COALESCE(at, 0)) || int4send(length) || int4send(tf_text) || int4send(tf_meta),
        ''::bytea ORDER BY block_index)
FROM recall_postings GROUP BY user_id, term, document_id;

DROP TABLE recall_postings;

CREATE FUNCTION recall_units_unlisted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM recall_posting_lists WHERE document_id IN (SELECT DISTINCT document_id FROM changed);
    RETURN NULL;
END
$$;

CREATE TRIGGER recall_units_unlisted AFTER DELETE ON recall_units REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION recall_units_unlisted();

ALTER TABLE recall_posting_lists ENABLE ROW LEVEL SECURITY;
CREATE POLICY recall_posting_lists_by_user ON recall_posting_lists USING (user_id = current_setting('strata.user_id', true))
    WITH CHECK (user_id = current_setting('strata.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON recall_posting_lists TO strata_app;
