-- Bytes the blob store refused wait here, in chunks, until an upload job puts them there; then they are deleted.
-- In the database rather than in the accepting process's spool folder, so a worker in any process (with its own data
-- directory) can upload them, and the loss of the accepting machine loses nothing.
CREATE TABLE pending_bytes (
    user_id      TEXT NOT NULL REFERENCES users(id),
    source_id    TEXT NOT NULL,
    chunk_index  INTEGER NOT NULL,
    size         INTEGER NOT NULL,
    data         BYTEA NOT NULL,
    PRIMARY KEY (user_id, source_id, chunk_index)
);
-- Chunks are written and read whole; compressing them (usually already compressed files) would only cost time.
ALTER TABLE pending_bytes ALTER COLUMN data SET STORAGE EXTERNAL;

ALTER TABLE pending_bytes ENABLE ROW LEVEL SECURITY;
CREATE POLICY pending_bytes_by_user ON pending_bytes USING (user_id = current_setting('strata.user_id', true))
    WITH CHECK (user_id = current_setting('strata.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON pending_bytes TO strata_app;

-- The global cap on pending bytes needs everyone's total, which row-level security hides; this reveals only the sum.
CREATE FUNCTION strata_pending_bytes_total() RETURNS BIGINT
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT COALESCE(SUM(size), 0)::BIGINT FROM pending_bytes $$;
REVOKE ALL ON FUNCTION strata_pending_bytes_total() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION strata_pending_bytes_total() TO strata_app;
