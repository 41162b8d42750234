-- The trigram index of 0395 with a short pending list (issue 32, `bench disk`). A GIN index first appends new entries to
-- an unsorted pending list (fastupdate) and merges them into its tree when the list passes gin_pending_list_limit
-- (4 MB by default) or VACUUM runs. At 2,000 contacts through the peer workload that list was most of the index and the
-- index the largest part of a PostgreSQL store: 1,147 bytes per entity, where the same entries merged take 160. A
-- 64 kB list (the least allowed) keeps the batching that makes an insert cheap and bounds what it costs on disk: on
-- the same 2,000 texts the index is 377 kB instead of 2,253 kB (fastupdate off: 319 kB, but each insert updates
-- every trigram's posting tree at once, about twice the insert time of either). Existing stores keep their pages;
-- the list is merged at the next insert that passes the new limit, and its pages are reused by later entries.
ALTER INDEX entities_text_trigrams SET (gin_pending_list_limit = 64);
