-- Identity keys in fewer bytes, as SQLite's since its migration 0032 (docs/benchmarks.md, issue 32, `bench disk`): at
-- 2,000 contacts through the peer workload this table and its two indexes were 26% of a PostgreSQL store, 798 bytes per
-- entity, the largest part of it. Each row held the key's hash as 32 hex characters and the entity's type, and the
-- index by entity repeated the user's 28-character id. The hash is now its 16 bytes, the type is read from the entity's
-- row when a key is found, and the index by entity names the entity alone: entity ids are unique across users (the
-- entities' primary key), so the user's id there told it nothing. The user's id stays in the row and first in the
-- primary key: row-level security checks it, and a key found by hash is found among that user's keys only. Rows whose
-- entity is gone are not carried over: a lookup never returned an entity for them (it now joins the entity's row).
CREATE TABLE entity_keys_compact (
    user_id    TEXT NOT NULL REFERENCES users(id),
    key        BYTEA NOT NULL,
    entity_id  TEXT NOT NULL,
    CONSTRAINT entity_keys_compact_pkey PRIMARY KEY (user_id, key, entity_id)
);
INSERT INTO entity_keys_compact (user_id, key, entity_id)
SELECT k.user_id, decode(k.key_hash, 'hex'), k.entity_id
FROM entity_keys k JOIN entities e ON e.id = k.entity_id AND e.user_id = k.user_id
ON CONFLICT DO NOTHING;
DROP TABLE entity_keys;
ALTER TABLE entity_keys_compact RENAME TO entity_keys;
ALTER TABLE entity_keys RENAME CONSTRAINT entity_keys_compact_pkey TO entity_keys_pkey;
CREATE INDEX entity_keys_by_entity ON entity_keys (entity_id);

ALTER TABLE entity_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY entity_keys_by_user ON entity_keys USING (user_id = current_setting('strata.user_id', true))
    WITH CHECK (user_id = current_setting('strata.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON entity_keys TO strata_app;
