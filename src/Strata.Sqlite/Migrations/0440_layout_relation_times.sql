-- migration: foreign keys off
-- Relation observations with integer times (issue 32, `bench disk`), as entities since 0430 and observations since
-- 0310: a relation observation row held its effective and observed times (and its validity, when given) as 28
-- characters of text each; now microseconds since the epoch (8 bytes each; PostgreSQL's timestamptz keeps microseconds
-- too, so a time reads back the same from either database; the seventh digit of the old text is dropped).
--
-- relation_terms references relation_observations: the first line above has the migrator run this with the
-- connection's foreign-key checks off (so dropping the old table deletes no term) and check every reference before it
-- commits (MigrationRunner.ForeignKeysOff). Each row keeps its seq, and the table's AUTOINCREMENT counter is carried over
-- (a seq once used is never handed out again). Indexes and triggers are made again as they were.
CREATE TABLE relation_observations_lean (
    seq                     INTEGER PRIMARY KEY AUTOINCREMENT,
    id                      TEXT NOT NULL UNIQUE,
    user_id                 TEXT NOT NULL REFERENCES users(id),
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
    run_id                  TEXT NOT NULL,
    source_id               TEXT NOT NULL
);
INSERT INTO relation_observations_lean (seq, id, user_id, from_entity_id, relation_type, to_entity_id, original_from_entity_id,
    original_to_entity_id, state, properties_json, valid_from, valid_to, effective_at, observed_at, priority, run_id, source_id)
SELECT o.seq, o.id, o.user_id, o.from_entity_id, o.relation_type, o.to_entity_id, o.original_from_entity_id,
    o.original_to_entity_id, o.state, o.properties_json,
    CASE WHEN o.valid_from IS NULL THEN NULL
         ELSE unixepoch(substr(o.valid_from, 1, 19)) * 1000000 + CAST(substr(o.valid_from, 21, 6) AS INTEGER) END,
    CASE WHEN o.valid_to IS NULL THEN NULL
         ELSE unixepoch(substr(o.valid_to, 1, 19)) * 1000000 + CAST(substr(o.valid_to, 21, 6) AS INTEGER) END,
    unixepoch(substr(o.effective_at, 1, 19)) * 1000000 + CAST(substr(o.effective_at, 21, 6) AS INTEGER),
    unixepoch(substr(o.observed_at, 1, 19)) * 1000000 + CAST(substr(o.observed_at, 21, 6) AS INTEGER),
    o.priority, o.run_id, o.source_id
FROM relation_observations o ORDER BY o.seq;
DELETE FROM sqlite_sequence WHERE name = 'relation_observations_lean';
INSERT INTO sqlite_sequence (name, seq) SELECT 'relation_observations_lean', seq FROM sqlite_sequence WHERE name = 'relation_observations';
DROP TABLE relation_observations;
ALTER TABLE relation_observations_lean RENAME TO relation_observations;
CREATE INDEX relation_observations_by_from_type ON relation_observations (user_id, from_entity_id, relation_type, to_entity_id);
CREATE INDEX relation_observations_by_to_type ON relation_observations (user_id, to_entity_id, relation_type, from_entity_id);

CREATE TRIGGER memory_generation_relation_inserted AFTER INSERT ON relation_observations
WHEN substr(new.relation_type, 1, 7) = 'memory:' BEGIN
    INSERT INTO memory_generations (user_id, generation) VALUES (new.user_id, abs(random() % 4611686018427387904))
    ON CONFLICT (user_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER memory_generation_relation_deleted AFTER DELETE ON relation_observations
WHEN substr(old.relation_type, 1, 7) = 'memory:' BEGIN
    UPDATE memory_generations SET generation = generation + 1 WHERE user_id = old.user_id;
END;

CREATE TRIGGER memory_generation_relation_updated AFTER UPDATE ON relation_observations
WHEN substr(new.relation_type, 1, 7) = 'memory:' OR substr(old.relation_type, 1, 7) = 'memory:' BEGIN
    INSERT INTO memory_generations (user_id, generation) VALUES (new.user_id, abs(random() % 4611686018427387904))
    ON CONFLICT (user_id) DO UPDATE SET generation = generation + 1;
    UPDATE memory_generations SET generation = generation + 1 WHERE user_id = old.user_id AND old.user_id IS NOT new.user_id;
END;
