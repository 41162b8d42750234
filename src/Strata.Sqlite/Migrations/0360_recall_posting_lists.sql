-- Recall's postings as lists (issue 27, issue 32): one row per (user, term, document, first unit written), holding the
-- postings of the term in the units of that document written together, packed 25 bytes a posting (RecallPostingList:
-- block index, kind and whether it has a time, time, length, count in the text, count in the fields; big-endian). A
-- question read a common word's 20,000 postings as 20,000 rows, each with the user's and the document's ids again; it
-- now reads one row per document that has the word, and a posting costs 25 bytes instead of a row and an index entry.
-- A unit's postings are written once, with the unit (the units the insert added, RETURNING), so a list never repeats a
-- unit. Units leave only with all of their document's blocks (a document deleted or converted again), and the trigger
-- removes the document's lists with them.
CREATE TABLE recall_posting_lists (
    user_id      TEXT NOT NULL,
    term         TEXT NOT NULL,
    document_id  TEXT NOT NULL,
    first_block  INTEGER NOT NULL,
    postings     BLOB NOT NULL,
    PRIMARY KEY (user_id, term, document_id, first_block)
) WITHOUT ROWID;
CREATE INDEX recall_posting_lists_by_document ON recall_posting_lists (document_id);

INSERT INTO recall_posting_lists (user_id, term, document_id, first_block, postings)
SELECT user_id, term, document_id, MIN(block_index),
    unhex(group_concat(printf('%08X%02X%016X%08X%08X%08X', block_index,
        (CASE kind WHEN 'message' THEN 1 ELSE 0 END) + (CASE WHEN at IS NULL THEN 0 ELSE 2 END), COALESCE(at, 0), length, tf_text, tf_meta),
        '' ORDER BY block_index))
FROM recall_postings GROUP BY user_id, term, document_id;

DROP TABLE recall_postings;

CREATE TRIGGER recall_units_unlisted AFTER DELETE ON recall_units BEGIN
    DELETE FROM recall_posting_lists WHERE document_id = old.document_id;
END;
