-- migration: foreign keys off
-- Entities name their user by the user's rowid (issue 32, `bench disk`), as observations (0510) and relation
-- observations (0500) do: the entity row and both of its list indexes (entities_by_user, entities_by_user_type) held the
-- user's 28-character text id, three times an entity. Every statement names the session user as
-- `user_row = (SELECT rowid FROM users WHERE id = @UserId)` (EntitySql.User, SQLite's value in SqliteDialect); where a
-- row is read whole, its user's id is read back from the users' rowid.
--
-- Observations reference entities(id): the first line above has the migrator run this with the connection's foreign-key
-- checks off and check every reference before it commits. Each row keeps its rowid (a declared column since 0430), which
-- the full-text and word indexes, observations, identity and blocking keys refer to. The triggers of the table are made
-- again as they were, the profile's change counters reading the user's id from the rowid; observations_fields_once_moved
-- (on observations, naming entities) is dropped first and made again, as renaming a table checks every trigger.
DROP TRIGGER observations_fields_once_moved;

CREATE TABLE entities_lean (
    rowid              INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    user_row           INTEGER NOT NULL,
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
INSERT INTO entities_lean (rowid, id, user_row, entity_type, canonical_name, merged_into, merged_at, created_at, fields_json,
    provenance_json, observation_count, updated_at, search_text, memory_text, memory_name, memory_state)
SELECT e.rowid, e.id, u.rowid, e.entity_type, e.canonical_name, e.merged_into, e.merged_at, e.created_at, e.fields_json,
    e.provenance_json, e.observation_count, e.updated_at, e.search_text, e.memory_text, e.memory_name, e.memory_state
FROM entities e JOIN users u ON u.id = e.user_id ORDER BY e.rowid;
DROP TABLE entities;
ALTER TABLE entities_lean RENAME TO entities;
CREATE INDEX entities_by_user_type ON entities (user_row, entity_type, updated_at);
CREATE INDEX entities_by_user ON entities (user_row, updated_at, id DESC);

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
    INSERT INTO memory_generations (user_id, generation)
    VALUES ((SELECT id FROM users WHERE rowid = new.user_row), abs(random() % 4611686018427387904))
    ON CONFLICT (user_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER memory_generation_deleted AFTER DELETE ON entities WHEN old.entity_type = 'memory_entity' BEGIN
    UPDATE memory_generations SET generation = generation + 1 WHERE user_id = (SELECT id FROM users WHERE rowid = old.user_row);
END;

CREATE TRIGGER memory_generation_updated AFTER UPDATE OF memory_text, memory_state, memory_name, merged_into, entity_type, user_row ON entities
WHEN (new.entity_type = 'memory_entity' OR old.entity_type = 'memory_entity')
    AND (new.memory_text IS NOT old.memory_text OR new.memory_state IS NOT old.memory_state OR new.memory_name IS NOT old.memory_name
        OR new.merged_into IS NOT old.merged_into
        OR new.entity_type IS NOT old.entity_type OR new.user_row IS NOT old.user_row)
BEGIN
    INSERT INTO memory_generations (user_id, generation)
    VALUES ((SELECT id FROM users WHERE rowid = new.user_row), abs(random() % 4611686018427387904))
    ON CONFLICT (user_id) DO UPDATE SET generation = generation + 1;
    UPDATE memory_generations SET generation = generation + 1
    WHERE user_id = (SELECT id FROM users WHERE rowid = old.user_row) AND old.user_row IS NOT new.user_row;
END;

-- 0450's triggers, as they were.
CREATE TRIGGER observations_fields_once_snapshot AFTER UPDATE OF fields_json, provenance_json ON entities
BEGIN
    UPDATE observations SET fields_json = old.fields_json
    WHERE entity_row = old.rowid AND fields_json = '' AND new.fields_json IS NOT old.fields_json;
    UPDATE observations SET fields_json = ''
    WHERE id = CASE WHEN json_valid(new.provenance_json) AND json_type(new.provenance_json) = 'text'
                    THEN json_extract(new.provenance_json, '$') END
      AND entity_row = new.rowid AND fields_json = new.fields_json;
END;

CREATE TRIGGER observations_fields_once_moved AFTER UPDATE OF entity_row ON observations
WHEN old.fields_json = '' AND new.entity_row IS NOT old.entity_row
BEGIN
    UPDATE observations SET fields_json = (SELECT fields_json FROM entities WHERE rowid = old.entity_row) WHERE seq = new.seq;
END;

CREATE TRIGGER observations_fields_once_entity_deleted BEFORE DELETE ON entities
BEGIN
    UPDATE observations SET fields_json = old.fields_json WHERE entity_row = old.rowid AND fields_json = '';
END;
