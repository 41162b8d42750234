-- Relations between entities as observed facts (docs/graph.md): every row is one observation of a relation by a run,
-- never edited. What holds at a time is reduced from them: per (from, type, to) the observation of highest priority,
-- then the latest, among those in effect by then; it holds when it asserts and its validity covers that time.
-- No foreign key on the endpoints: a merge moves them (original_* keep where they were first written, for an unmerge).
CREATE TABLE relation_observations (
    seq                     BIGSERIAL PRIMARY KEY,
    id                      TEXT NOT NULL UNIQUE,
    user_id                 TEXT NOT NULL REFERENCES users(id),
    from_entity_id          TEXT NOT NULL,
    relation_type           TEXT NOT NULL,
    to_entity_id            TEXT NOT NULL,
    original_from_entity_id TEXT NOT NULL,
    original_to_entity_id   TEXT NOT NULL,
    state                   TEXT NOT NULL,
    properties_json         TEXT NOT NULL DEFAULT '{}',
    valid_from              TIMESTAMPTZ,
    valid_to                TIMESTAMPTZ,
    effective_at            TIMESTAMPTZ NOT NULL,
    observed_at             TIMESTAMPTZ NOT NULL,
    priority                INTEGER NOT NULL,
    run_id                  TEXT NOT NULL,
    source_id               TEXT NOT NULL
);

CREATE INDEX relation_observations_by_from ON relation_observations (user_id, from_entity_id, relation_type);
CREATE INDEX relation_observations_by_to ON relation_observations (user_id, to_entity_id);
CREATE INDEX relation_observations_by_run ON relation_observations (user_id, run_id);

ALTER TABLE relation_observations ENABLE ROW LEVEL SECURITY;
CREATE POLICY relation_observations_by_user ON relation_observations USING (user_id = current_setting('strata.user_id', true))
    WITH CHECK (user_id = current_setting('strata.user_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON relation_observations TO strata_app;
GRANT USAGE ON SEQUENCE relation_observations_seq_seq TO strata_app;
