-- The index of relation observations by run (0050) goes (issue 32, `bench disk`): no statement reads relation
-- observations by their run but the one that writes a forgotten run's source back into the relation observations it
-- leaves behind (0380, RelationSql.KeepSourcesOfRun), which forgetting runs once per run of a source it removes. That
-- statement now walks the user's relation observations by the endpoint index instead; the index held 84 bytes per
-- entity of a SQLite store at 2,000 contacts through the peer workload (20 of PostgreSQL's, which deduplicates the
-- repeated user and run ids), written on every relation and read by nothing else.
DROP INDEX relation_observations_by_run;
