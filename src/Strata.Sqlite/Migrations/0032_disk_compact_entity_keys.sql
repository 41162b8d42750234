-- Identity keys take a quarter of the bytes it takes before (docs/benchmarks.md, issue 10, disk). Each row held the
-- user's 28-character id, the key's hash as 32 hex characters, the entity's id and type, and the entity's rowid; the
-- index by entity row repeated the first three. A key is now the user's rowid, the hash as its 16 bytes, and the
-- entity's rowid: the entity's id and type are read from its row when a key is found (entities.rowid never changes,
-- migration 0004). Rows whose entity is gone are not carried over: a lookup never returned an entity for them.
CREATE TABLE entity_keys_compact (
    user_row    INTEGER NOT NULL,
    key         BLOB NOT NULL,
    entity_row  INTEGER NOT NULL,
    PRIMARY KEY (user_row, key, entity_row)
) WITHOUT ROWID;
INSERT INTO entity_keys_compact (user_row, key, entity_row)
SELECT u.rowid, unhex(k.key_hash), e.rowid
FROM entity_keys k JOIN users u ON u.id = k.user_id JOIN entities e ON e.id = k.entity_id
WHERE true
ON CONFLICT DO NOTHING;
DROP TABLE entity_keys;
ALTER TABLE entity_keys_compact RENAME TO entity_keys;
CREATE INDEX entity_keys_by_entity_row ON entity_keys (entity_row);
