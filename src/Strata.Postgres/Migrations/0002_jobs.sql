-- Operational hardening on PostgreSQL: the job queue, usage counters, archived runs and potential duplicates.
-- Workers and maintenance use these tables as the connecting role (across users); user sessions use them as
-- strata_app, under the same row-level security as every other user-owned table.

CREATE TABLE jobs (
    id                BIGSERIAL PRIMARY KEY,
    kind              TEXT NOT NULL,
    payload           TEXT NOT NULL DEFAULT '{}',
    user_id           TEXT REFERENCES users(id),
    state             TEXT NOT NULL,
    attempt           INTEGER NOT NULL DEFAULT 0,
    max_attempts      INTEGER NOT NULL,
    scheduled_at      TIMESTAMPTZ NOT NULL,
    lease_owner       TEXT,
    lease_expires_at  TIMESTAMPTZ,
    last_error        TEXT,
    subject           TEXT,
    unique_key        TEXT UNIQUE,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ
);
CREATE INDEX jobs_due ON jobs (scheduled_at, id) WHERE state IN ('available', 'retryable');
CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE state = 'running';
CREATE INDEX jobs_by_subject ON jobs (subject) WHERE subject IS NOT NULL;
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;

ALTER TABLE runs ADD COLUMN archived_at TIMESTAMPTZ;
CREATE INDEX runs_running ON runs (heartbeat_at) WHERE status = 'running';
CREATE INDEX runs_unarchived ON runs (completed_at) WHERE archived_at IS NULL;

CREATE TABLE usage_storage (
    user_id       TEXT PRIMARY KEY REFERENCES users(id),
    bytes_stored  BIGINT NOT NULL DEFAULT 0
);
INSERT INTO usage_storage (user_id, bytes_stored) SELECT user_id, SUM(byte_size) FROM sources GROUP BY user_id;

CREATE TABLE usage_interpretations (
    user_id          TEXT NOT NULL REFERENCES users(id),
    month            TEXT NOT NULL,
    interpretations  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, month)
);
INSERT INTO usage_interpretations (user_id, month, interpretations)
    SELECT user_id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM'), COUNT(*) FROM runs WHERE interpreter <> 'structured'
    GROUP BY user_id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM');

CREATE TABLE duplicate_candidates (
    user_id       TEXT NOT NULL REFERENCES users(id),
    entity_type   TEXT NOT NULL,
    entity_a      TEXT NOT NULL,
    entity_b      TEXT NOT NULL,
    score         DOUBLE PRECISION NOT NULL,
    status        TEXT NOT NULL,
    detected_at   TIMESTAMPTZ NOT NULL,
    dismissed_at  TIMESTAMPTZ,
    PRIMARY KEY (user_id, entity_a, entity_b),
    CHECK (entity_a < entity_b)
);
CREATE INDEX duplicates_by_user ON duplicate_candidates (user_id, status, score);

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['jobs', 'usage_storage', 'usage_interpretations', 'duplicate_candidates']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY %I ON %I USING (user_id = current_setting('strata.user_id', true))
                         WITH CHECK (user_id = current_setting('strata.user_id', true))$p$, t || '_by_user', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO strata_app', t);
    END LOOP;
END
$$;
GRANT USAGE ON SEQUENCE jobs_id_seq TO strata_app;
