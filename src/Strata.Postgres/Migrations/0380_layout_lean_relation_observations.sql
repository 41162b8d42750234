-- Relation observations that do not repeat what their row and their run already name (issue 32, `bench disk`), as
-- SQLite's 0380: at 2,000 contacts through the peer workload a relation observation row was 344 bytes per entity and
-- held each end twice (the end it names now and the end it was first written to, equal until a merge moves an end) and
-- its run's source. Now a first end is '' while it is the end the row names (a merge writes it down before moving the
-- end: RelationSql.MoveFrom; an unmerge puts the end back and leaves it out again) and the source is '' where it is the
-- run's, read back through the run (RelationSql.SourceOf; a run being forgotten writes it back into the relation
-- observations it leaves behind). The same marker on both databases keeps one SQL text and one archive form. Existing
-- rows are rewritten in place: the space of their old versions is reused by later rows (VACUUM FULL, run by an
-- operator, gives it back to the disk).
UPDATE relation_observations o SET
    original_from_entity_id = CASE WHEN o.original_from_entity_id = o.from_entity_id THEN '' ELSE o.original_from_entity_id END,
    original_to_entity_id = CASE WHEN o.original_to_entity_id = o.to_entity_id THEN '' ELSE o.original_to_entity_id END,
    source_id = CASE WHEN o.source_id = (SELECT r.source_id FROM runs r WHERE r.id = o.run_id) THEN '' ELSE o.source_id END;
