-- Bytes the blob store refused wait here, in chunks, until an upload job puts them there; then they are deleted.
-- In the database rather than in the accepting process's spool folder, so a worker in any process (with its own data
-- directory) can upload them, and the loss of the accepting machine loses nothing.
CREATE TABLE pending_bytes (
    user_id      TEXT NOT NULL REFERENCES users(id),
    source_id    TEXT NOT NULL,
    chunk_index  INTEGER NOT NULL,
    size         INTEGER NOT NULL,
    data         BLOB NOT NULL,
    PRIMARY KEY (user_id, source_id, chunk_index)
);
