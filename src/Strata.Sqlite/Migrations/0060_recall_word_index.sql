-- Recall's word index over document blocks (a chat message is a block of its conversation's document): one unit per
-- block with its kind, time and length, and one posting per (term, unit) with the term's count in the text and in the
-- fields around it (speaker, title, heading path, date words). BM25 is computed from these rows by the same code on
-- both databases, per user (a user's statistics never see another's words). Written in the transaction that writes
-- the blocks; removed with them (cascades). Documents converted before this index existed are listed as pending, so
-- recall says its answer is partial until they are indexed.
CREATE TABLE recall_units (
    user_id      TEXT NOT NULL REFERENCES users(id),
    document_id  TEXT NOT NULL,
    block_index  INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    at           INTEGER,
    length       INTEGER NOT NULL,
    PRIMARY KEY (document_id, block_index),
    FOREIGN KEY (document_id, block_index) REFERENCES document_blocks (document_id, block_index) ON DELETE CASCADE
);
CREATE INDEX recall_units_by_user ON recall_units (user_id, length);

CREATE TABLE recall_postings (
    user_id      TEXT NOT NULL,
    term         TEXT NOT NULL,
    document_id  TEXT NOT NULL,
    block_index  INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    at           INTEGER,
    length       INTEGER NOT NULL,
    tf_text      INTEGER NOT NULL,
    tf_meta      INTEGER NOT NULL,
    PRIMARY KEY (user_id, term, document_id, block_index),
    FOREIGN KEY (document_id, block_index) REFERENCES recall_units (document_id, block_index) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX recall_postings_by_unit ON recall_postings (document_id, block_index);

CREATE TABLE recall_pending_documents (
    user_id      TEXT NOT NULL REFERENCES users(id),
    document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, document_id)
);
INSERT INTO recall_pending_documents (user_id, document_id) SELECT DISTINCT user_id, document_id FROM document_blocks;
