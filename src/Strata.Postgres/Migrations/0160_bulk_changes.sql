-- Undoable bulk review (docs/review.md, apply_bulk_change / undo_bulk_change): one row per step over a selection of a
-- run's blocks, and one per block it moved with the observation its confirm wrote, so an undo takes back exactly that
-- step. Deleting the block run deletes its steps.

CREATE TABLE bulk_changes (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id),
    run_id       TEXT NOT NULL,
    action       TEXT NOT NULL,
    block_count  INTEGER NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    undone_at    TIMESTAMPTZ
);
CREATE INDEX bulk_changes_by_run ON bulk_changes (user_id, run_id);
ALTER TABLE bulk_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY bulk_changes_by_user ON bulk_changes USING (user_id = current_setting('strata.user_id', true))
    WITH CHECK (user_id = current_setting('strata.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON bulk_changes TO strata_app;

CREATE TABLE bulk_change_blocks (
    user_id         TEXT NOT NULL REFERENCES users(id),
    change_id       TEXT NOT NULL,
    block_index     INTEGER NOT NULL,
    observation_id  TEXT,
    PRIMARY KEY (user_id, change_id, block_index)
);
ALTER TABLE bulk_change_blocks ENABLE ROW LEVEL SECURITY;
CREATE POLICY bulk_change_blocks_by_user ON bulk_change_blocks USING (user_id = current_setting('strata.user_id', true))
    WITH CHECK (user_id = current_setting('strata.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON bulk_change_blocks TO strata_app;
