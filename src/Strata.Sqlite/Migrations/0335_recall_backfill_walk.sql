-- The embedding backfill's walk (issue 27): the units without a vector are read in key order, a page after the last
-- unit read. The user's units were indexed by (user_id, length) only, so every page read and sorted all of the user's
-- units: a backfill of n units cost n²/page. Indexed by (user_id, document_id, block_index) a page is a range seek that
-- stops at its LIMIT; length stays last so the BM25 statistics (count and total length per user) still read the index
-- alone.
DROP INDEX recall_units_by_user;
CREATE INDEX recall_units_by_user ON recall_units (user_id, document_id, block_index, length);

-- Vectors in a rowid table. In a WITHOUT ROWID table a row is stored in an index b-tree page, which keeps at most about
-- a quarter of a 4 KiB page locally: a 384-dimension vector (1,536 bytes) spilled to an overflow page of its own, 4.7 KB
-- per vector on disk and two pages written per vector. A rowid table keeps a row of up to ~4 KB in its leaf, two such
-- vectors to a page; the key (user, model, unit) is its unique index. Rows are copied as they are, byte for byte.
CREATE TABLE recall_vectors_rows (
    user_id      TEXT NOT NULL REFERENCES users(id),
    model        TEXT NOT NULL,
    document_id  TEXT NOT NULL,
    block_index  INTEGER NOT NULL,
    dimensions   INTEGER NOT NULL,
    vector       BLOB NOT NULL,
    PRIMARY KEY (user_id, model, document_id, block_index),
    FOREIGN KEY (document_id, block_index) REFERENCES recall_units (document_id, block_index) ON DELETE CASCADE
);
INSERT INTO recall_vectors_rows (user_id, model, document_id, block_index, dimensions, vector)
SELECT user_id, model, document_id, block_index, dimensions, vector FROM recall_vectors ORDER BY user_id, model, document_id, block_index;
DROP TABLE recall_vectors;
ALTER TABLE recall_vectors_rows RENAME TO recall_vectors;
CREATE INDEX recall_vectors_by_unit ON recall_vectors (document_id, block_index);
