-- The source holding a Claude export's projects.json, read into project entities with provenance to it.
ALTER TABLE chat_imports ADD COLUMN projects_source_id TEXT;

-- Model-written parts of MEMORY.md (the summary and the optional profile sections: communication style, tone,
-- boundaries), one row per user and section, replaced by each generation. Kept apart from snapshots: they are marked as
-- generated when rendered and never stand in for a fact. A failed section keeps its error and the model's raw output.
CREATE TABLE memory_generated (
    user_id       TEXT NOT NULL REFERENCES users(id),
    section       TEXT NOT NULL,
    text          TEXT,
    status        TEXT NOT NULL,
    error         TEXT,
    raw_output    TEXT,
    model         TEXT,
    calls         INTEGER NOT NULL,
    generated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, section)
);

ALTER TABLE memory_generated ENABLE ROW LEVEL SECURITY;
CREATE POLICY memory_generated_by_user ON memory_generated USING (user_id = current_setting('strata.user_id', true))
    WITH CHECK (user_id = current_setting('strata.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON memory_generated TO strata_app;
