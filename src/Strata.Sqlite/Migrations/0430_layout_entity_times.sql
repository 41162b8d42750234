-- migration: foreign keys off
-- Entity rows with integer times (issue 32, `bench disk`): at 2,000 contacts through the peer workload the entity row
-- was the largest part of a SQLite store (408 bytes per entity), and it held its creation and update times as 28
-- characters of text each, the update time again in both list indexes. Times are now microseconds since the epoch, as
-- observations have kept them since 0310 (8 bytes each; PostgreSQL's timestamptz keeps microseconds too, so an entity's
-- time reads back the same from either database; the seventh digit of the old text is dropped). The duplicate scan's
-- blocking keys record the update time of the snapshot they were made from and are compared with it, so they take the
-- same form.
--
-- SQLite changes a column's type only by rebuilding its table, and observations reference entities: the first line above
-- has the migrator run this with the connection's foreign-key checks off and check every reference before it commits
-- (MigrationRunner.ForeignKeysOff). Each row keeps its rowid, which the full-text and word indexes, observations,
-- identity and blocking keys refer to; the rowid is now a declared column (INTEGER PRIMARY KEY), so nothing can
-- renumber it. The triggers and indexes of the table are made again as they were, over the new columns.
CREATE TABLE entities_lean (
    rowid              INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    user_id            TEXT NOT NULL REFERENCES users(id),
    entity_type        TEXT NOT NULL,
    canonical_name     TEXT NOT NULL,
    merged_into        TEXT,
    merged_at          INTEGER,
    created_at         INTEGER NOT NULL,
    fields_json        TEXT NOT NULL DEFAULT '{}',
    provenance_json    TEXT NOT NULL DEFAULT '{}',
    observation_count  INTEGER NOT NULL DEFAULT 0,
    updated_at         INTEGER NOT NULL,
    search_text        TEXT NOT NULL DEFAULT '',
    memory_text        TEXT,
    memory_name        TEXT,
    memory_state       TEXT
);
INSERT INTO entities_lean (rowid, id, user_id, entity_type, canonical_name, merged_into, merged_at, created_at, fields_json,
    provenance_json, observation_count, updated_at, search_text, memory_text, memory_name, memory_state)
SELECT e.rowid, e.id, e.user_id, e.entity_type, e.canonical_name, e.merged_into,
    CASE WHEN e.merged_at IS NULL THEN NULL
         ELSE unixepoch(substr(e.merged_at, 1, 19)) * 1000000 + CAST(substr(e.merged_at, 21, 6) AS INTEGER) END,
    unixepoch(substr(e.created_at, 1, 19)) * 1000000 + CAST(substr(e.created_at, 21, 6) AS INTEGER),
    e.fields_json, e.provenance_json, e.observation_count,
    unixepoch(substr(e.updated_at, 1, 19)) * 1000000 + CAST(substr(e.updated_at, 21, 6) AS INTEGER),
    e.search_text, e.memory_text, e.memory_name, e.memory_state
FROM entities e ORDER BY e.rowid;
DROP TABLE entities;
ALTER TABLE entities_lean RENAME TO entities;
CREATE INDEX entities_by_user_type ON entities (user_id, entity_type, updated_at);
CREATE INDEX entities_by_user ON entities (user_id, updated_at, id DESC);

CREATE TRIGGER entities_words_insert AFTER INSERT ON entities WHEN new.search_text <> '' BEGIN
    INSERT INTO entities_words (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

CREATE TRIGGER entities_words_update AFTER UPDATE OF search_text ON entities WHEN new.search_text IS NOT old.search_text BEGIN
    DELETE FROM entities_words WHERE rowid = old.rowid AND old.search_text <> '';
    INSERT INTO entities_words (rowid, search_text) SELECT new.rowid, new.search_text WHERE new.search_text <> '';
END;

CREATE TRIGGER entities_words_delete AFTER DELETE ON entities WHEN old.search_text <> '' BEGIN
    DELETE FROM entities_words WHERE rowid = old.rowid;
END;

CREATE TRIGGER memory_generation_inserted AFTER INSERT ON entities WHEN new.entity_type = 'memory_entity' BEGIN
    INSERT INTO memory_generations (user_id, generation) VALUES (new.user_id, abs(random() % 4611686018427387904))
    ON CONFLICT (user_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER memory_generation_deleted AFTER DELETE ON entities WHEN old.entity_type = 'memory_entity' BEGIN
    UPDATE memory_generations SET generation = generation + 1 WHERE user_id = old.user_id;
END;

CREATE TRIGGER memory_generation_updated AFTER UPDATE OF memory_text, memory_state, memory_name, merged_into, entity_type, user_id ON entities
WHEN (new.entity_type = 'memory_entity' OR old.entity_type = 'memory_entity')
    AND (new.memory_text IS NOT old.memory_text OR new.memory_state IS NOT old.memory_state OR new.memory_name IS NOT old.memory_name
        OR new.merged_into IS NOT old.merged_into
        OR new.entity_type IS NOT old.entity_type OR new.user_id IS NOT old.user_id)
BEGIN
    INSERT INTO memory_generations (user_id, generation) VALUES (new.user_id, abs(random() % 4611686018427387904))
    ON CONFLICT (user_id) DO UPDATE SET generation = generation + 1;
    UPDATE memory_generations SET generation = generation + 1 WHERE user_id = old.user_id AND old.user_id IS NOT new.user_id;
END;

CREATE TABLE duplicate_blocking_keys_lean (
    user_row     INTEGER NOT NULL,
    entity_type  TEXT NOT NULL,
    entity_row   INTEGER NOT NULL,
    block_key    TEXT NOT NULL,
    snapshot_at  INTEGER NOT NULL,
    observations INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_row, block_key)
) WITHOUT ROWID;
INSERT INTO duplicate_blocking_keys_lean (user_row, entity_type, entity_row, block_key, snapshot_at, observations)
SELECT user_row, entity_type, entity_row, block_key,
    unixepoch(substr(snapshot_at, 1, 19)) * 1000000 + CAST(substr(snapshot_at, 21, 6) AS INTEGER), observations
FROM duplicate_blocking_keys;
DROP TABLE duplicate_blocking_keys;
ALTER TABLE duplicate_blocking_keys_lean RENAME TO duplicate_blocking_keys;
CREATE INDEX blocking_keys_by_key ON duplicate_blocking_keys (user_row, entity_type, block_key, snapshot_at);
