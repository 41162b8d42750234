-- An entity's identity keys are found by the entity's rowid instead of its text id, as its observations are (0004).
-- Entity ids are hashes, so the index on (user_id, entity_id) took every new key to a random page: a bulk write of
-- new entities dirtied (and wrote to the WAL) about one page per key, and the table cost as much to write as entities,
-- observations and search together. Entities get increasing rowids, so the keys of new entities now land at the end
-- of the index. The table is keyed by its primary key alone (WITHOUT ROWID): the rowid b-tree it kept besides was one
-- more structure to write for nothing, since every lookup is by key hash.
CREATE TABLE entity_keys_by_row (
    user_id      TEXT NOT NULL REFERENCES users(id),
    key_hash     TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    entity_type  TEXT NOT NULL,
    entity_row   INTEGER,
    PRIMARY KEY (user_id, key_hash, entity_id)
) WITHOUT ROWID;
INSERT INTO entity_keys_by_row (user_id, key_hash, entity_id, entity_type, entity_row)
SELECT k.user_id, k.key_hash, k.entity_id, k.entity_type, (SELECT e.rowid FROM entities e WHERE e.id = k.entity_id)
FROM entity_keys k;
DROP TABLE entity_keys;
ALTER TABLE entity_keys_by_row RENAME TO entity_keys;
CREATE INDEX entity_keys_by_entity_row ON entity_keys (entity_row);
