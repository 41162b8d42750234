-- migration: foreign keys off
-- Relation observations name their user by the user's rowid (issue 32, `bench disk`): the row and both endpoint indexes
-- held the user's text id, 28 characters three times for every relation observation. The ids inside the indexes'
-- keys stay text (stop 54 tried the ends by rowid and found graph reads a third slower); only the user, which every
-- statement names once and resolves once (`user_row = (SELECT rowid FROM users WHERE id = @UserId)`), changes.
--
-- relation_terms references relation_observations(seq): the first line above has the migrator run this with the
-- connection's foreign-key checks off (so dropping the old table deletes no term) and check every reference before it
-- commits. Each row keeps its seq, and the table's AUTOINCREMENT counter is carried over (a seq once used is never handed
-- out again). The indexes are made again on the user's rowid; the triggers read the user's id back from it.
CREATE TABLE relation_observations_lean (
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
    run_id                  TEXT NOT NULL,
    source_id               TEXT NOT NULL
);
INSERT INTO relation_observations_lean (seq, id, user_row, from_entity_id, relation_type, to_entity_id, original_from_entity_id,
    original_to_entity_id, state, properties_json, valid_from, valid_to, effective_at, observed_at, priority, run_id, source_id)
SELECT o.seq, o.id, u.rowid, o.from_entity_id, o.relation_type, o.to_entity_id, o.original_from_entity_id,
    o.original_to_entity_id, o.state, o.properties_json, o.valid_from, o.valid_to, o.effective_at, o.observed_at,
    o.priority, o.run_id, o.source_id
FROM relation_observations o JOIN users u ON u.id = o.user_id ORDER BY o.seq;
DELETE FROM sqlite_sequence WHERE name = 'relation_observations_lean';
INSERT INTO sqlite_sequence (name, seq) SELECT 'relation_observations_lean', seq FROM sqlite_sequence WHERE name = 'relation_observations';
DROP TABLE relation_observations;
ALTER TABLE relation_observations_lean RENAME TO relation_observations;
CREATE INDEX relation_observations_by_from_type ON relation_observations (user_row, from_entity_id, relation_type, to_entity_id);
CREATE INDEX relation_observations_by_to_type ON relation_observations (user_row, to_entity_id, relation_type, from_entity_id);

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
