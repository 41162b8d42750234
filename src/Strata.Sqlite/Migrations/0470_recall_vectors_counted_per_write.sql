-- The vectors' kept count (migration 0340) added once per write rather than once per row (issue 27, the embedding
-- backfill's rate): the per-row trigger upserted recall_vector_counts for every vector, about a quarter of an insert's
-- time (the sqlite3 shell on a kept store: 4,000 vectors in 0.11-0.12 s against 0.07-0.10 s without it). The only
-- statement that inserts vectors is the store's (RecallIndexStore.AddVectorsAsync), which now adds the rows its inserts
-- wrote (RecallSql.CountAddedVectors) in the same transaction. Deletions keep their per-row trigger: they come from
-- cascades (a unit, a document, a project removed) no single statement of the store sees.
DROP TRIGGER recall_vectors_counted;
