-- Duplicate scoring on many fields: each candidate pair keeps why it was suggested (per-field agreement), and each
-- entity's blocking keys are kept so a scan compares a new or changed entity only with those sharing a key.
-- The row with the empty key marks the snapshot (its updated_at and observation count) the keys were computed from.

ALTER TABLE duplicate_candidates ADD COLUMN reasons_json TEXT NOT NULL DEFAULT '{}';

CREATE TABLE duplicate_blocking_keys (
    user_id      TEXT NOT NULL REFERENCES users(id),
    entity_type  TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    block_key    TEXT COLLATE "C" NOT NULL, -- byte order, as on SQLite: the sorted neighbourhood reads key ranges
    snapshot_at  TIMESTAMPTZ NOT NULL,
    observations INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, entity_id, block_key)
);
CREATE INDEX blocking_keys_by_key ON duplicate_blocking_keys (user_id, entity_type, block_key, snapshot_at);
ALTER TABLE duplicate_blocking_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY duplicate_blocking_keys_by_user ON duplicate_blocking_keys USING (user_id = current_setting('strata.user_id', true))
    WITH CHECK (user_id = current_setting('strata.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON duplicate_blocking_keys TO strata_app;
