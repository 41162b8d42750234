-- Observation rows that do not repeat their run's source (issue 32, `bench disk`), as SQLite's since its migration
-- 0310: at 2,000 contacts through the peer workload the observation row was the largest table of a PostgreSQL store,
-- 442 bytes per entity, and held the source's 28-character id, which its run names too. source_id is now NULL when it
-- is the run's source and is read through the run (ObservationSql.SourceOf); '' stands for "no source" where the run
-- has one, so every row reads back exactly what was written. Times stay timestamptz: already 8 bytes of microseconds.
-- Existing rows are rewritten in place: the space of their old versions is reused by later rows (VACUUM FULL, run by
-- an operator, gives it back to the disk).
UPDATE observations o
SET source_id = CASE WHEN o.source_id IS NOT DISTINCT FROM (SELECT r.source_id FROM runs r WHERE r.id = o.run_id) THEN NULL
                     ELSE coalesce(o.source_id, '') END;
