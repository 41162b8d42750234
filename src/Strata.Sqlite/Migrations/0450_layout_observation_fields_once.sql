-- Observations that keep their fields once (issue 32, `bench disk`): an observation row held its fields as JSON text,
-- and when it is the entity's only observation (or won every field) the entity row held the same text again as its
-- snapshot: about 110 bytes an entity of the peer workload, twice. Now an observation whose fields are, text for text,
-- its entity's current snapshot keeps '' (never a JSON object, so never a real value) and is read back from the entity
-- row (SqliteDialect.ObservationFields: one probe of the entities' rowid).
--
-- One rule holds whatever statement runs: an observation keeps '' only while its entity row (entity_row) holds exactly
-- its fields. A new row is written as '' when its fields are its entity's snapshot (SqliteDialect.FieldsKeptOnce:
-- entities are inserted with their first snapshot before their observations); the triggers below keep the rule after:
--  * when an entity's snapshot changes, its observations holding '' get the old text back (found through the
--    entity_row index among the entity's observations, which a snapshot change has just folded anyway); then the
--    observation the new snapshot names alone (provenance one id: it won every field) keeps '' if its text is the new
--    snapshot;
--  * an observation that moves to another entity (a merge, a split, an unmerge) takes its old entity's text first;
--  * an entity row deleted while observations still name it (none should) gives them its text first.
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

-- Existing rows: every observation whose text is its entity's snapshot. The space they leave is reused by later rows
-- (VACUUM gives it back to the file system: docs/operations.md).
UPDATE observations SET fields_json = ''
WHERE fields_json = (SELECT e.fields_json FROM entities e WHERE e.rowid = observations.entity_row);
