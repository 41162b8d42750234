-- The process reading an export holds its import by a lease it renews while it reads; a process killed with kill -9
-- cannot end its import, so the next command that finds the lease lapsed ends it failed (interrupted). Imports are
-- listed newest first.
ALTER TABLE chat_imports ADD COLUMN lease_until TEXT;

CREATE INDEX chat_imports_by_created ON chat_imports (user_id, created_at, id);
