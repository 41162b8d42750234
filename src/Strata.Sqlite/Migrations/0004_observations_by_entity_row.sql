-- An entity's observations are found by the entity's rowid instead of its text id. Entity ids are hashes, so an
-- index on (user_id, entity_id) took every new observation to a random page, and a bulk write of 1,000 new entities
-- dirtied (and wrote to the WAL) about one page per observation. Entities get increasing rowids as they are
-- inserted, so the observations of new entities now land at the end of the index, next to each other.
-- entities.rowid is already what the full-text index refers to; like it, it must not be renumbered (no VACUUM of a
-- live database: docs/operations.md).
ALTER TABLE observations ADD COLUMN entity_row INTEGER NOT NULL DEFAULT 0;
UPDATE observations SET entity_row = (SELECT rowid FROM entities WHERE entities.id = observations.entity_id);
DROP INDEX observations_by_entity;
CREATE INDEX observations_by_entity_row ON observations (entity_row, seq);
