-- The vectors' foreign key on users dropped (issue 27, the embedding backfill's rate). The key the vector has on its unit
-- already implies it: the store writes vectors only for the caller's own units (row-level security holds the user), a
-- unit keeps its own key on users (without cascade: a user cannot be removed while it has units), and a vector goes with
-- its unit (cascade). The dropped key cost 10.5 ms of the 71-85 ms that a backfill page's insert of 2,048 vectors took
-- (EXPLAIN ANALYZE, docs/recall.md "Where a page's time goes"): a lookup and a share lock on the user's row per vector.
ALTER TABLE recall_vectors DROP CONSTRAINT recall_vectors_user_id_fkey;
