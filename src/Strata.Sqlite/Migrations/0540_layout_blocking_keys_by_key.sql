-- The duplicate scan's blocking keys in half the entries (issue 32, `bench disk`): at 50,000 contacts they were 252 bytes
-- an entity, three rows (the empty "keyed" marker and two keys) each in the table and again in its index by key. Now:
--   * duplicate_blocking_keys holds the keys alone, ordered as the scan reads them (the user, the type, the key, the
--     entity), with no second index: the entity's keys are found for deletion through its marker's list of them;
--   * duplicate_keyed holds one marker an entity, by its rowid: the snapshot and observation count its keys were made
--     from (the scan compares them with the entity row) and the keys themselves as a JSON array;
--   * duplicate_keyed_up_to holds, per user and type, the newest snapshot ever keyed (the scan starts there, less a
--     margin), which the marker rows no longer keep an index for. It only grows, as the maximum over markers did but
--     for deleted entities, whose snapshots the scan's margin never needs.
-- A key row no longer carries its snapshot: the scan ranks a key's members by their entity row's updated_at, which it
-- joins anyway for the entity's id, and which is the snapshot the keys were made from until the entity changes (when
-- the scan keys it again). Keys of entities that no longer exist are not carried over. (An entity's keys were always
-- written with its marker, under one user and type: the scan replaces them all at once.)
CREATE TABLE duplicate_keyed (
    entity_row   INTEGER PRIMARY KEY,
    user_row     INTEGER NOT NULL,
    entity_type  TEXT NOT NULL,
    snapshot_at  INTEGER NOT NULL,
    observations INTEGER NOT NULL DEFAULT 0,
    keys         TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE duplicate_keyed_up_to (
    user_row     INTEGER NOT NULL,
    entity_type  TEXT NOT NULL,
    snapshot_at  INTEGER NOT NULL,
    PRIMARY KEY (user_row, entity_type)
) WITHOUT ROWID;

CREATE TABLE duplicate_blocking_keys_by_key (
    user_row     INTEGER NOT NULL,
    entity_type  TEXT NOT NULL,
    block_key    TEXT NOT NULL,
    entity_row   INTEGER NOT NULL,
    PRIMARY KEY (user_row, entity_type, block_key, entity_row)
) WITHOUT ROWID;

INSERT INTO duplicate_keyed (entity_row, user_row, entity_type, snapshot_at, observations, keys)
SELECT m.entity_row, m.user_row, m.entity_type, m.snapshot_at, m.observations,
    (SELECT json_group_array(k.block_key) FROM duplicate_blocking_keys k WHERE k.entity_row = m.entity_row AND k.block_key <> '')
FROM duplicate_blocking_keys m
WHERE m.block_key = '' AND EXISTS (SELECT 1 FROM entities e WHERE e.rowid = m.entity_row);

INSERT INTO duplicate_keyed_up_to (user_row, entity_type, snapshot_at)
SELECT user_row, entity_type, MAX(snapshot_at) FROM duplicate_blocking_keys WHERE block_key = '' GROUP BY user_row, entity_type;

-- A key without a marker (written by a scan that failed half-way, which a transaction rules out) would never be
-- deleted: only keys a marker lists are kept.
INSERT INTO duplicate_blocking_keys_by_key (user_row, entity_type, block_key, entity_row)
SELECT k.user_row, k.entity_type, k.block_key, k.entity_row
FROM duplicate_blocking_keys k JOIN duplicate_keyed m ON m.entity_row = k.entity_row
    AND m.user_row = k.user_row AND m.entity_type = k.entity_type
WHERE k.block_key <> ''
ORDER BY 1, 2, 3, 4;

DROP TABLE duplicate_blocking_keys;
ALTER TABLE duplicate_blocking_keys_by_key RENAME TO duplicate_blocking_keys;
