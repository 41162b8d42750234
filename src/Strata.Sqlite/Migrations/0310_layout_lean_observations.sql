-- Observation rows that do not repeat what their run already names, with integer times (issue 32, `bench disk`): at
-- 2,000 contacts through the peer workload the observation row was the largest part of a SQLite store, 411 bytes per
-- entity. It held two equal times as 28-character text and the source's 28-character id, which its run names too.
-- Times are now microseconds since the epoch (8 bytes each; PostgreSQL's timestamptz keeps microseconds as well, so a
-- time reads back the same from either database). source_id is NULL when it is the run's source and is read through
-- the run (ObservationSql.Columns of SqliteDialect); '' stands for "no source" where the run has one, so every row
-- reads back exactly what was written. Runs are never removed while observations name them (ForgettingSql).
CREATE TABLE observations_lean (
    seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
    id                  TEXT NOT NULL UNIQUE,
    user_id             TEXT NOT NULL REFERENCES users(id),
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
INSERT INTO observations_lean (seq, id, user_id, entity_id, original_entity_id, source_id, run_id, kind, locator, priority, state,
    fields_json, reason, observed_at, created_at, entity_row)
SELECT o.seq, o.id, o.user_id, o.entity_id, o.original_entity_id,
    CASE WHEN o.source_id IS (SELECT r.source_id FROM runs r WHERE r.id = o.run_id) THEN NULL ELSE coalesce(o.source_id, '') END,
    o.run_id, o.kind, o.locator, o.priority, o.state, o.fields_json, o.reason,
    unixepoch(substr(o.observed_at, 1, 19)) * 1000000 + CAST(substr(o.observed_at, 21, 6) AS INTEGER),
    unixepoch(substr(o.created_at, 1, 19)) * 1000000 + CAST(substr(o.created_at, 21, 6) AS INTEGER),
    o.entity_row
FROM observations o ORDER BY o.seq;
DROP TABLE observations;
ALTER TABLE observations_lean RENAME TO observations;
CREATE INDEX observations_by_entity_row ON observations (entity_row, seq);
CREATE INDEX observations_by_run ON observations (run_id);
