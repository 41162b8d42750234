-- Identity keys (docs/resolution.md): which entity holds which key (a hash of the entity type and the key's normalised
-- values, e.g. email=ada@example.com). A record finds its entity by its keys, and a name finds every entity that goes by
-- it. One entity holds many keys; one key can be held by several entities (people kept apart by a birthday).
CREATE TABLE entity_keys (
    user_id      TEXT NOT NULL REFERENCES users(id),
    key_hash     TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    entity_type  TEXT NOT NULL,
    PRIMARY KEY (user_id, key_hash, entity_id)
);
CREATE INDEX entity_keys_by_entity ON entity_keys (user_id, entity_id);

-- Splits (the inverse of merges): observations moved from one entity to another, by a person or by re-resolution.
-- merge_id is set when the split undid that merge.
CREATE TABLE entity_splits (
    id                  TEXT PRIMARY KEY,
    user_id             TEXT NOT NULL REFERENCES users(id),
    from_entity_id      TEXT NOT NULL,
    to_entity_id        TEXT NOT NULL,
    merge_id            TEXT,
    reason              TEXT,
    observations_moved  INTEGER NOT NULL,
    split_at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX entity_splits_by_entity ON entity_splits (user_id, from_entity_id);
CREATE INDEX entity_splits_by_merge ON entity_splits (user_id, merge_id);

-- A session (strata_app) sees and writes only its own user's keys and splits.
ALTER TABLE entity_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY entity_keys_by_user ON entity_keys USING (user_id = current_setting('strata.user_id', true))
    WITH CHECK (user_id = current_setting('strata.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON entity_keys TO strata_app;
ALTER TABLE entity_splits ENABLE ROW LEVEL SECURITY;
CREATE POLICY entity_splits_by_user ON entity_splits USING (user_id = current_setting('strata.user_id', true))
    WITH CHECK (user_id = current_setting('strata.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON entity_splits TO strata_app;
