-- migration: foreign keys off
-- Observations and relation observations name their run by the run's number instead of its 28-character text id
-- (issue 32, `bench disk`): every observation row held the id, and so did the observations' index by run, and every
-- relation observation row. Runs get a number of their own, `seq`, declared (VACUUM renumbers an undeclared rowid) and
-- AUTOINCREMENT (a number once used is never handed out again, so a row can never come to name another run).
--
-- A row keeps `run_row` (the run's seq) where its run is a run of the row's own user, and `run_id` only where it is not
-- (a run id no run row holds, or another user's): `coalesce(run_id, (SELECT id FROM runs WHERE seq = run_row))` reads back what was written
-- (RunLink.BySeq). The index by run is on `coalesce(run_row, run_id)`: a run's rows are found by its number and by its
-- id, so a row that kept the id is found as before. Runs outlive their observations (forgetting or discarding a run deletes them first); the trigger
-- runs_deleted_keep_id writes the id and the source back into any that remain, and relation observations, which
-- outlive their run, are given both before it goes (RelationSql.KeepSourcesOfRun). The source a row leaves out (0310,
-- 0380) is read through the run's number.
--
-- An observation row also leaves out its created_at where it equals its observed_at (every row a structured write, an
-- interpretation or an agent makes): NULL there, read as `coalesce(created_at, observed_at)` (ObservationSql.CreatedOf).
--
-- Other tables reference runs(id): the first line above has the migrator run this with the connection's foreign-key
-- checks off and check every reference before it commits. Observations and relation observations keep their seq and
-- their AUTOINCREMENT counters; their triggers, and the triggers of entities that name observations (renaming a table
-- checks every trigger), are made again as they were.
DROP TRIGGER observations_fields_once_snapshot;
DROP TRIGGER observations_fields_once_entity_deleted;

CREATE TABLE runs_numbered (
    seq                   INTEGER PRIMARY KEY AUTOINCREMENT,
    id                    TEXT NOT NULL UNIQUE,
    user_id               TEXT NOT NULL REFERENCES users(id),
    source_id             TEXT NOT NULL REFERENCES sources(id),
    interpreter           TEXT NOT NULL,
    interpreter_version   TEXT NOT NULL,
    config_json           TEXT NOT NULL,
    config_hash           TEXT NOT NULL,
    status                TEXT NOT NULL,
    items_count           INTEGER NOT NULL DEFAULT 0,
    observations_created  INTEGER NOT NULL DEFAULT 0,
    unknown_fields_count  INTEGER NOT NULL DEFAULT 0,
    error                 TEXT,
    created_at            TEXT NOT NULL,
    started_at            TEXT,
    completed_at          TEXT,
    heartbeat_at          TEXT,
    archived_at           TEXT,
    values_too_long       INTEGER NOT NULL DEFAULT 0
);
INSERT INTO runs_numbered (id, user_id, source_id, interpreter, interpreter_version, config_json, config_hash, status, items_count,
    observations_created, unknown_fields_count, error, created_at, started_at, completed_at, heartbeat_at, archived_at, values_too_long)
SELECT id, user_id, source_id, interpreter, interpreter_version, config_json, config_hash, status, items_count,
    observations_created, unknown_fields_count, error, created_at, started_at, completed_at, heartbeat_at, archived_at, values_too_long
FROM runs ORDER BY created_at, id;
DROP TABLE runs;
ALTER TABLE runs_numbered RENAME TO runs;
CREATE INDEX runs_by_user_source ON runs (user_id, source_id, created_at);
CREATE INDEX runs_by_user ON runs (user_id, created_at);
CREATE INDEX runs_running ON runs (heartbeat_at) WHERE status = 'running';
CREATE INDEX runs_unarchived ON runs (completed_at) WHERE archived_at IS NULL;

CREATE TABLE observations_numbered (
    seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
    id                  TEXT NOT NULL UNIQUE,
    user_row            INTEGER NOT NULL,
    entity_id           TEXT NOT NULL REFERENCES entities(id),
    original_entity_id  TEXT NOT NULL,
    source_id           TEXT,
    run_row             INTEGER,
    run_id              TEXT,
    kind                TEXT NOT NULL,
    locator             TEXT NOT NULL,
    priority            INTEGER NOT NULL,
    state               TEXT NOT NULL,
    fields_json         TEXT NOT NULL,
    reason              TEXT,
    observed_at         INTEGER NOT NULL,
    created_at          INTEGER,
    entity_row          INTEGER NOT NULL DEFAULT 0
);
INSERT INTO observations_numbered (seq, id, user_row, entity_id, original_entity_id, source_id, run_row, run_id, kind, locator, priority,
    state, fields_json, reason, observed_at, created_at, entity_row)
SELECT o.seq, o.id, o.user_row, o.entity_id, o.original_entity_id, o.source_id, r.seq, CASE WHEN r.seq IS NULL THEN o.run_id END,
    o.kind, o.locator, o.priority, o.state, o.fields_json, o.reason, o.observed_at, nullif(o.created_at, o.observed_at), o.entity_row
FROM observations o LEFT JOIN runs r ON r.id = o.run_id AND r.user_id = (SELECT u.id FROM users u WHERE u.rowid = o.user_row)
ORDER BY o.seq;
DELETE FROM sqlite_sequence WHERE name = 'observations_numbered';
INSERT INTO sqlite_sequence (name, seq) SELECT 'observations_numbered', seq FROM sqlite_sequence WHERE name = 'observations';
DROP TABLE observations;
ALTER TABLE observations_numbered RENAME TO observations;
CREATE INDEX observations_by_entity_row ON observations (entity_row, seq);
CREATE INDEX observations_by_run ON observations (coalesce(run_row, run_id));

CREATE TABLE relation_observations_numbered (
    seq                     INTEGER PRIMARY KEY AUTOINCREMENT,
    id                      TEXT NOT NULL UNIQUE,
    user_row                INTEGER NOT NULL,
    from_entity_id          TEXT NOT NULL,
    relation_type           TEXT NOT NULL,
    to_entity_id            TEXT NOT NULL,
    original_from_entity_id TEXT NOT NULL,
    original_to_entity_id   TEXT NOT NULL,
    state                   TEXT NOT NULL,
    properties_json         TEXT NOT NULL DEFAULT '{}',
    valid_from              INTEGER,
    valid_to                INTEGER,
    effective_at            INTEGER NOT NULL,
    observed_at             INTEGER NOT NULL,
    priority                INTEGER NOT NULL,
    run_row                 INTEGER,
    run_id                  TEXT,
    source_id               TEXT NOT NULL
);
INSERT INTO relation_observations_numbered (seq, id, user_row, from_entity_id, relation_type, to_entity_id, original_from_entity_id,
    original_to_entity_id, state, properties_json, valid_from, valid_to, effective_at, observed_at, priority, run_row, run_id, source_id)
SELECT o.seq, o.id, o.user_row, o.from_entity_id, o.relation_type, o.to_entity_id, o.original_from_entity_id,
    o.original_to_entity_id, o.state, o.properties_json, o.valid_from, o.valid_to, o.effective_at, o.observed_at,
    o.priority, r.seq, CASE WHEN r.seq IS NULL THEN o.run_id END, o.source_id
FROM relation_observations o LEFT JOIN runs r ON r.id = o.run_id AND r.user_id = (SELECT u.id FROM users u WHERE u.rowid = o.user_row)
ORDER BY o.seq;
DELETE FROM sqlite_sequence WHERE name = 'relation_observations_numbered';
INSERT INTO sqlite_sequence (name, seq) SELECT 'relation_observations_numbered', seq FROM sqlite_sequence WHERE name = 'relation_observations';
DROP TABLE relation_observations;
ALTER TABLE relation_observations_numbered RENAME TO relation_observations;
CREATE INDEX relation_observations_by_from_type ON relation_observations (user_row, from_entity_id, relation_type, to_entity_id);
CREATE INDEX relation_observations_by_to_type ON relation_observations (user_row, to_entity_id, relation_type, from_entity_id);

-- A run deleted while observations still name it (nothing does that: its observations go first) leaves them its id and
-- the source they read through it.
CREATE TRIGGER runs_deleted_keep_id BEFORE DELETE ON runs
BEGIN
    UPDATE observations SET run_id = old.id, run_row = NULL, source_id = coalesce(source_id, old.source_id)
    WHERE coalesce(run_row, run_id) = old.seq;
END;

-- 0500's triggers, as they were.
CREATE TRIGGER memory_generation_relation_inserted AFTER INSERT ON relation_observations
WHEN substr(new.relation_type, 1, 7) = 'memory:' BEGIN
    INSERT INTO memory_generations (user_id, generation)
    VALUES ((SELECT id FROM users WHERE rowid = new.user_row), abs(random() % 4611686018427387904))
    ON CONFLICT (user_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER memory_generation_relation_deleted AFTER DELETE ON relation_observations
WHEN substr(old.relation_type, 1, 7) = 'memory:' BEGIN
    UPDATE memory_generations SET generation = generation + 1 WHERE user_id = (SELECT id FROM users WHERE rowid = old.user_row);
END;

CREATE TRIGGER memory_generation_relation_updated AFTER UPDATE ON relation_observations
WHEN substr(new.relation_type, 1, 7) = 'memory:' OR substr(old.relation_type, 1, 7) = 'memory:' BEGIN
    INSERT INTO memory_generations (user_id, generation)
    VALUES ((SELECT id FROM users WHERE rowid = new.user_row), abs(random() % 4611686018427387904))
    ON CONFLICT (user_id) DO UPDATE SET generation = generation + 1;
    UPDATE memory_generations SET generation = generation + 1
    WHERE user_id = (SELECT id FROM users WHERE rowid = old.user_row) AND old.user_row IS NOT new.user_row;
END;

-- 0450's and 0460's triggers, as they were.
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

CREATE TRIGGER observations_original_once_moved AFTER UPDATE OF entity_id ON observations
WHEN old.original_entity_id = '' AND new.original_entity_id = '' AND new.entity_id IS NOT old.entity_id
BEGIN
    UPDATE observations SET original_entity_id = old.entity_id WHERE seq = new.seq;
END;

CREATE TRIGGER observations_original_once_back AFTER UPDATE OF entity_id, original_entity_id ON observations
WHEN new.original_entity_id = new.entity_id
BEGIN
    UPDATE observations SET original_entity_id = '' WHERE seq = new.seq;
END;
