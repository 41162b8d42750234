-- Observations that name the entity they were first written to only when they have moved (issue 32, `bench disk`): every
-- observation row kept its original entity's id beside its entity's id, and the two are the same in nearly every row,
-- since only a merge, a split or an unmerge moves an observation. A row now keeps '' there while it is on its original
-- entity, and is read through ObservationSql.OriginalOf (coalesce(nullif(original_entity_id, ''), entity_id)); new rows
-- are written with ''. Same rule on SQLite (its 0460).
--
-- The trigger keeps the rule whatever statement moves a row, within the row itself (so no other transaction's write can
-- race it): a row that leaves its original entity gets that entity's id written in (unless the statement names the
-- original itself), and a row that comes back to it (an unmerge, a forgotten first writer) keeps '' again.
CREATE FUNCTION observations_original_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.original_entity_id = '' AND NEW.original_entity_id = '' AND NEW.entity_id IS DISTINCT FROM OLD.entity_id THEN
        NEW.original_entity_id := OLD.entity_id;
    END IF;
    IF NEW.original_entity_id = NEW.entity_id THEN
        NEW.original_entity_id := '';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER observations_original_once BEFORE UPDATE OF entity_id, original_entity_id ON observations
    FOR EACH ROW EXECUTE FUNCTION observations_original_once();

-- Existing rows (the old versions are reclaimed by VACUUM, as after any update).
UPDATE observations SET original_entity_id = '' WHERE original_entity_id = entity_id;
