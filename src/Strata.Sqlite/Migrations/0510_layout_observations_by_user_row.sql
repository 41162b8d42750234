-- Observations name their user by the user's rowid (issue 32, `bench disk`), as relation observations do since 0500:
-- every observation row held the user's 28-character text id. Every statement names the session user as
-- `user_row = (SELECT rowid FROM users WHERE id = @UserId)` (ObservationSql.User, SQLite's value in SqliteDialect);
-- the id is read back from the users' rowid where a row is read. No index holds the user: the entity's and the run's
-- indexes find an observation, and the user is checked on the row.
--
-- Nothing references observations; the entities' triggers that update observations are dropped first (renaming a table
-- checks every trigger, and these would name a table that is gone) and made again after. Each row keeps its seq, and
-- the table's AUTOINCREMENT counter is carried over (a seq once used is never handed out again).
DROP TRIGGER observations_fields_once_snapshot;
DROP TRIGGER observations_fields_once_entity_deleted;

CREATE TABLE observations_lean (
    seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
    id                  TEXT NOT NULL UNIQUE,
    user_row            INTEGER NOT NULL,
    entity_id           TEXT NOT NULL REFERENCES entities(id),
    original_entity_id  TEXT NOT NULL,
    source_id           TEXT,
    run_id              TEXT,
    kind                TEXT NOT NULL,
    locator             TEXT NOT NULL,
    priority            INTEGER NOT NULL,
    state               TEXT NOT NULL,
    fields_json         TEXT NOT NULL,
    reason              TEXT,
    observed_at         INTEGER NOT NULL,
    created_at          INTEGER NOT NULL,
    entity_row          INTEGER NOT NULL DEFAULT 0
);
INSERT INTO observations_lean (seq, id, user_row, entity_id, original_entity_id, source_id, run_id, kind, locator, priority, state,
    fields_json, reason, observed_at, created_at, entity_row)
SELECT o.seq, o.id, u.rowid, o.entity_id, o.original_entity_id, o.source_id, o.run_id, o.kind, o.locator, o.priority, o.state,
    o.fields_json, o.reason, o.observed_at, o.created_at, o.entity_row
FROM observations o JOIN users u ON u.id = o.user_id ORDER BY o.seq;
DELETE FROM sqlite_sequence WHERE name = 'observations_lean';
INSERT INTO sqlite_sequence (name, seq) SELECT 'observations_lean', seq FROM sqlite_sequence WHERE name = 'observations';
DROP TABLE observations;
ALTER TABLE observations_lean RENAME TO observations;
CREATE INDEX observations_by_entity_row ON observations (entity_row, seq);
CREATE INDEX observations_by_run ON observations (run_id);

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
