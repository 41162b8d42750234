-- The duplicate scan's blocking keys in fewer rows and entries, as SQLite's since its migration 0540 (issue 32, `bench
-- disk`): at 2,000 contacts through the peer workload the table and its two indexes were 1,065 bytes an entity, a fifth
-- of a PostgreSQL store. Each entity had three rows (the empty "keyed" marker and two keys), each in the heap, in the
-- primary key by entity and again in the index by key. Now:
--   * duplicate_blocking_keys holds the keys alone, its primary key in the order the scan reads them (user, type, key,
--     entity), with no second index; a key keeps its snapshot's time, by which a key's latest members are ranked;
--   * duplicate_keyed holds one marker an entity: the snapshot and observation count its keys came from (the scan
--     compares them with the entity row) and the keys themselves, by which they are found again to be replaced;
--   * duplicate_keyed_up_to holds, per user and type, the newest snapshot ever keyed, where the scan starts (less its
--     margin). It only grows, as the maximum over markers did but for deleted entities.
-- Keys of entities that no longer exist are not carried over.
CREATE TABLE duplicate_keyed (
    user_id      TEXT NOT NULL REFERENCES users(id),
    entity_id    TEXT NOT NULL,
    entity_type  TEXT NOT NULL,
    snapshot_at  TIMESTAMPTZ NOT NULL,
    observations INTEGER NOT NULL DEFAULT 0,
    keys         TEXT[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (user_id, entity_id)
);
ALTER TABLE duplicate_keyed ENABLE ROW LEVEL SECURITY;
CREATE POLICY duplicate_keyed_by_user ON duplicate_keyed USING (user_id = current_setting('strata.user_id', true))
    WITH CHECK (user_id = current_setting('strata.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON duplicate_keyed TO strata_app;

CREATE TABLE duplicate_keyed_up_to (
    user_id      TEXT NOT NULL REFERENCES users(id),
    entity_type  TEXT NOT NULL,
    snapshot_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, entity_type)
);
ALTER TABLE duplicate_keyed_up_to ENABLE ROW LEVEL SECURITY;
CREATE POLICY duplicate_keyed_up_to_by_user ON duplicate_keyed_up_to USING (user_id = current_setting('strata.user_id', true))
    WITH CHECK (user_id = current_setting('strata.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON duplicate_keyed_up_to TO strata_app;

CREATE TABLE duplicate_blocking_keys_by_key (
    user_id      TEXT NOT NULL REFERENCES users(id),
    entity_type  TEXT NOT NULL,
    block_key    TEXT COLLATE "C" NOT NULL, -- byte order, as on SQLite: the sorted neighbourhood reads key ranges
    entity_id    TEXT NOT NULL,
    snapshot_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT duplicate_blocking_keys_by_key_pkey PRIMARY KEY (user_id, entity_type, block_key, entity_id)
);

INSERT INTO duplicate_keyed (user_id, entity_id, entity_type, snapshot_at, observations, keys)
SELECT m.user_id, m.entity_id, m.entity_type, m.snapshot_at, m.observations,
    ARRAY(SELECT k.block_key FROM duplicate_blocking_keys k
          WHERE k.user_id = m.user_id AND k.entity_id = m.entity_id AND k.block_key <> '' ORDER BY k.block_key)
FROM duplicate_blocking_keys m
WHERE m.block_key = '' AND EXISTS (SELECT 1 FROM entities e WHERE e.id = m.entity_id AND e.user_id = m.user_id);

INSERT INTO duplicate_keyed_up_to (user_id, entity_type, snapshot_at)
SELECT user_id, entity_type, MAX(snapshot_at) FROM duplicate_blocking_keys WHERE block_key = '' GROUP BY user_id, entity_type;

-- Only keys a marker lists are kept (an entity's keys were always written with its marker, under one type).
INSERT INTO duplicate_blocking_keys_by_key (user_id, entity_type, block_key, entity_id, snapshot_at)
SELECT k.user_id, k.entity_type, k.block_key, k.entity_id, k.snapshot_at
FROM duplicate_blocking_keys k JOIN duplicate_keyed m ON m.user_id = k.user_id AND m.entity_id = k.entity_id
    AND m.entity_type = k.entity_type
WHERE k.block_key <> ''
ON CONFLICT DO NOTHING;

DROP TABLE duplicate_blocking_keys;
ALTER TABLE duplicate_blocking_keys_by_key RENAME TO duplicate_blocking_keys;
ALTER TABLE duplicate_blocking_keys RENAME CONSTRAINT duplicate_blocking_keys_by_key_pkey TO duplicate_blocking_keys_pkey;
ALTER TABLE duplicate_blocking_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY duplicate_blocking_keys_by_user ON duplicate_blocking_keys USING (user_id = current_setting('strata.user_id', true))
    WITH CHECK (user_id = current_setting('strata.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON duplicate_blocking_keys TO strata_app;
