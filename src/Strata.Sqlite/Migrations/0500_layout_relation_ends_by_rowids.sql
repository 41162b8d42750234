-- A relation observation's ends are found by their entities' rowids (issue 32, `bench disk`): the two endpoint indexes
-- held (user id, from id, type, to id) and (user id, to id, type, from id), four text ids of up to 28 characters in each
-- entry, 121 bytes a relation each on the peer workload's 2,000 entities. They are now (from_row, relation_type) and
-- (to_row): the ends' entity rowids, kept in two new columns.
--
-- The text ids stay in the row and stay what every statement returns and compares; the rowids only find the rows. So a
-- row's from_row is the rowid of the session user's entity whose id is from_entity_id, or NULL while there is none (a
-- relation may be written before its end's entity, or outlive it), and the same for to_row. That holds through:
--   * the insert, which looks both ends up (RelationSql.InsertedEndRows; an archive's row by its AfterInsert update);
--   * a merge or an unmerge moving an end (relation_observation_end_moved);
--   * an entity made after relations that name it (entity_resolves_relation_ends) or forgotten before them
--     (entity_unresolves_relation_ends): each a probe of the new indexes.
-- A read asks for an end by rowid, and for the rows whose end has no entity (NULL) by id; a user's relation is never
-- read through another user's entity, as the rowids are looked up among the session user's entities.
--
-- What is read for a whole user (the profile graph's relations, an archive, a forgotten run's sources) walks the table
-- instead of an index led by the user id, as most stores hold one user.
ALTER TABLE relation_observations ADD COLUMN from_row INTEGER;
ALTER TABLE relation_observations ADD COLUMN to_row INTEGER;
UPDATE relation_observations SET
    from_row = (SELECT e.rowid FROM entities e WHERE e.id = relation_observations.from_entity_id AND e.user_id = relation_observations.user_id),
    to_row = (SELECT e.rowid FROM entities e WHERE e.id = relation_observations.to_entity_id AND e.user_id = relation_observations.user_id);
DROP INDEX relation_observations_by_from_type;
DROP INDEX relation_observations_by_to_type;
CREATE INDEX relation_observations_by_from_row ON relation_observations (from_row, relation_type);
CREATE INDEX relation_observations_by_to_row ON relation_observations (to_row);

CREATE TRIGGER relation_observation_end_moved AFTER UPDATE OF from_entity_id, to_entity_id ON relation_observations
BEGIN
    UPDATE relation_observations SET
        from_row = (SELECT e.rowid FROM entities e WHERE e.id = new.from_entity_id AND e.user_id = new.user_id),
        to_row = (SELECT e.rowid FROM entities e WHERE e.id = new.to_entity_id AND e.user_id = new.user_id)
    WHERE seq = new.seq;
END;

CREATE TRIGGER entity_resolves_relation_ends AFTER INSERT ON entities
BEGIN
    UPDATE relation_observations SET from_row = new.rowid
    WHERE from_row IS NULL AND from_entity_id = new.id AND user_id = new.user_id;
    UPDATE relation_observations SET to_row = new.rowid
    WHERE to_row IS NULL AND to_entity_id = new.id AND user_id = new.user_id;
END;

CREATE TRIGGER entity_unresolves_relation_ends AFTER DELETE ON entities
BEGIN
    UPDATE relation_observations SET from_row = NULL WHERE from_row = old.rowid;
    UPDATE relation_observations SET to_row = NULL WHERE to_row = old.rowid;
END;
