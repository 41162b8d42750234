-- Recall's vectors: one float32 vector (little-endian, 4 bytes a dimension) per indexed unit and embedding model. The
-- model is part of the key, so a new model's backfill writes beside the old vectors, which keep serving until it has
-- covered every unit (then they are deleted). Removed with their unit (cascade). A unit's vector is written once per
-- model (the primary key): a backfill resumed after a crash cannot duplicate one.
CREATE TABLE recall_vectors (
    user_id      TEXT NOT NULL REFERENCES users(id),
    model        TEXT NOT NULL,
    document_id  TEXT NOT NULL,
    block_index  INTEGER NOT NULL,
    dimensions   INTEGER NOT NULL,
    vector       BYTEA NOT NULL,
    PRIMARY KEY (user_id, model, document_id, block_index),
    FOREIGN KEY (document_id, block_index) REFERENCES recall_units (document_id, block_index) ON DELETE CASCADE
);
CREATE INDEX recall_vectors_by_unit ON recall_vectors (document_id, block_index);

ALTER TABLE recall_vectors ENABLE ROW LEVEL SECURITY;
CREATE POLICY recall_vectors_by_user ON recall_vectors USING (user_id = current_setting('strata.user_id', true))
    WITH CHECK (user_id = current_setting('strata.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON recall_vectors TO strata_app;
