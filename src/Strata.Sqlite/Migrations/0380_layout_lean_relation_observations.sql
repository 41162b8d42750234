-- Relation observations that do not repeat what their row and their run already name (issue 32, `bench disk`): at
-- 2,000 contacts through the peer workload a relation observation row was 344 bytes per entity, the second largest table
-- of a SQLite store, and held each end twice (the end it names now and the end it was first written to, 28 characters
-- each, equal until a merge moves an end) and its run's source. Now a first end is '' while it is the end the row names
-- (a merge writes it down before moving the end: RelationSql.MoveFrom; an unmerge puts the end back and leaves it out
-- again) and the source is '' where it is the run's, read back through the run (RelationSql.SourceOf; a run being
-- forgotten writes it back into the relation observations it leaves behind). '' rather than NULL: the columns stay
-- NOT NULL, so the table is not rebuilt (rebuilding it would cascade into relation_terms), and an empty text costs a
-- SQLite record no more than a NULL. Existing rows are rewritten in place; their freed space is reused by later rows
-- (VACUUM, run by an operator, gives it back to the disk).
UPDATE relation_observations SET
    original_from_entity_id = CASE WHEN original_from_entity_id = from_entity_id THEN '' ELSE original_from_entity_id END,
    original_to_entity_id = CASE WHEN original_to_entity_id = to_entity_id THEN '' ELSE original_to_entity_id END,
    source_id = CASE WHEN source_id = (SELECT r.source_id FROM runs r WHERE r.id = relation_observations.run_id) THEN '' ELSE source_id END;
