-- Undoable bulk review (docs/review.md, apply_bulk_change / undo_bulk_change): one row per step over a selection of a
-- run's blocks, and one per block it moved with the observation its confirm wrote, so an undo takes back exactly that
-- step. Deleting the block run deletes its steps.

CREATE TABLE bulk_changes (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id),
    run_id       TEXT NOT NULL,
    action       TEXT NOT NULL,
    block_count  INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    undone_at    TEXT
);
CREATE INDEX bulk_changes_by_run ON bulk_changes (user_id, run_id);

CREATE TABLE bulk_change_blocks (
    user_id         TEXT NOT NULL REFERENCES users(id),
    change_id       TEXT NOT NULL,
    block_index     INTEGER NOT NULL,
    observation_id  TEXT,
    PRIMARY KEY (user_id, change_id, block_index)
);
