-- What each memory_entity holds now, kept in its row, as SQLite's migration 0350 (issue 28; docs/memory-server.md,
-- MemoryEntityState): the name its relations are named by and the profile entities it holds in the profile's own shape
-- (JSON text: name, entityType, observations in order). search_nodes reads these for the entities its text chose
-- instead of folding their observations. Written with the snapshot from then on; filled for the memory entities written
-- before by the fold itself, in code, in this migration's transaction (Strata.Relational MemoryStateBackfill).
-- NULL makes search fold that entity's observations as before. Nullable columns with no default: no table rewrite.
ALTER TABLE entities ADD COLUMN memory_name TEXT;
ALTER TABLE entities ADD COLUMN memory_state TEXT;
