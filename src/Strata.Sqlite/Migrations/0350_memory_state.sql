-- What each memory_entity holds now, kept in its row (issue 28; docs/memory-server.md, MemoryEntityState): the name its
-- relations are named by and the profile entities it holds in the profile's own shape (JSON: name, entityType,
-- observations in order). search_nodes reads these for the entities its text chose instead of folding their
-- observations, and names the far ends of their relations by memory_name in the same statement. Written with the
-- snapshot from then on; filled for the memory entities written before by the fold itself, in code, in this
-- migration's transaction (Strata.Relational MemoryStateBackfill: the fold's create/add/remove/delete is not SQL).
-- NULL (another type, or a row the fill has not reached) makes search fold that entity's observations as before.
ALTER TABLE entities ADD COLUMN memory_name TEXT;
ALTER TABLE entities ADD COLUMN memory_state TEXT;
