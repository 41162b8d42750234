-- A generation per user for what search_nodes reads of each memory_entity row and of the profile's relations (issue 28; docs/memory-server.md,
-- MemorySearchIndex): it changes in the transaction of every insert or delete of such a row and of every update of its
-- memory_text, memory_state, memory_name, merged_into, entity_type
-- or user_id, whatever path writes it (the profile's tools, Strata's
-- own writes, merges and splits, forgetting, an archive's load, a migration's fill). A process that keeps a user's rows in
-- memory uses them only while the generation its read transaction reads is the one they were read at, so it is never
-- stale, across processes too. SQLite has one writer at a time, so one row per user serialises nothing more.
-- A user's first row starts at a random generation rather than 1, so a user deleted and made again with the same id never
-- counts its way back to a generation a process still holds rows of.
CREATE TABLE memory_generations (
    user_id     TEXT NOT NULL PRIMARY KEY,
    generation  INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO memory_generations (user_id, generation)
SELECT user_id, abs(random() % 4611686018427387904) FROM entities WHERE entity_type = 'memory_entity' GROUP BY user_id;

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

-- The profile's relations (types under 'memory:') too: search keeps them in memory with the rows, so any change to one,
-- a merge's or split's move of its ends included, changes the generation.
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
