-- Blocking keys (0013) in about half the bytes. A duplicate scan keys every entity it compares (its keys plus the empty
-- key that marks which snapshot they came from): three rows per contact, and each row was in three b-trees (the
-- table by rowid, its primary key's index, the index by key), each repeating the user's and the entity's 28-character
-- ids: about 900 bytes per contact at 10,000 (dbstat). Now the table is its primary key (WITHOUT ROWID: nothing reads
-- it by rowid) and names the user and the entity by their rowids (entities.rowid never changes, migration 0004); the
-- entity's id is read from its row. Keys whose entity is gone are not carried over: no scan could reach them.
CREATE TABLE duplicate_blocking_keys_compact (
    user_row     INTEGER NOT NULL,
    entity_type  TEXT NOT NULL,
    entity_row   INTEGER NOT NULL,
    block_key    TEXT NOT NULL,
    snapshot_at  TEXT NOT NULL,
    observations INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_row, block_key)
) WITHOUT ROWID;
INSERT INTO duplicate_blocking_keys_compact (user_row, entity_type, entity_row, block_key, snapshot_at, observations)
SELECT u.rowid, k.entity_type, e.rowid, k.block_key, k.snapshot_at, k.observations
FROM duplicate_blocking_keys k JOIN users u ON u.id = k.user_id JOIN entities e ON e.id = k.entity_id;
DROP TABLE duplicate_blocking_keys;
ALTER TABLE duplicate_blocking_keys_compact RENAME TO duplicate_blocking_keys;
CREATE INDEX blocking_keys_by_key ON duplicate_blocking_keys (user_row, entity_type, block_key, snapshot_at);
