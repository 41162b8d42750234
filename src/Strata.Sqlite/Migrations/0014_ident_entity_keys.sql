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
    split_at            TEXT NOT NULL
);
CREATE INDEX entity_splits_by_entity ON entity_splits (user_id, from_entity_id);
CREATE INDEX entity_splits_by_merge ON entity_splits (user_id, merge_id);
