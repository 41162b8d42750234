-- Observations that name the entity they were first written to only when they have moved (issue 32, `bench disk`): every
-- observation row kept its original entity's id (28 characters) beside its entity's id, and the two are the same in
-- nearly every row, since only a merge, a split or an unmerge moves an observation. A row now keeps '' there while it is
-- on its original entity, and is read through ObservationSql.OriginalOf (coalesce(nullif(original_entity_id, ''),
-- entity_id)); new rows are written with ''. Same rule on PostgreSQL (its 0460), so every query reads both the same way.
--
-- The triggers keep the rule whatever statement moves a row: a row that leaves its original entity gets that entity's id
-- written in first (unless the statement names the original itself), and a row that comes back to it (an unmerge, a
-- forgotten first writer) keeps '' again. Recursive triggers are off, so each trigger's own update does not fire it again.
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

-- Existing rows. The space they leave is reused by later rows (VACUUM gives it back to the file system:
-- docs/operations.md).
UPDATE observations SET original_entity_id = '' WHERE original_entity_id = entity_id;
