-- The background index run for documents converted before the recall index existed (listed at migration 0060): a
-- document on the pending list is marked indexed in the transaction that writes its last page of units, so recall can
-- report the run's progress as "indexed of listed"; the list is deleted once every document on it is indexed.
-- One job per user with documents still pending queues that run (kind recall.index, RecallIndexBackfillJobHandler).
-- Its times are the epoch rather than this migration's clock: due at once whatever clock the store runs under.
ALTER TABLE recall_pending_documents ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0;

INSERT INTO jobs (kind, payload, user_id, state, attempt, max_attempts, scheduled_at, subject, unique_key, created_at, updated_at)
SELECT 'recall.index', '{}', user_id, 'available', 0, 5, TIMESTAMPTZ '1970-01-01 00:00:00Z', user_id, 'recall-index:' || user_id || ':migration-0260',
       TIMESTAMPTZ '1970-01-01 00:00:00Z', TIMESTAMPTZ '1970-01-01 00:00:00Z'
FROM (SELECT DISTINCT user_id FROM recall_pending_documents) AS pending;
