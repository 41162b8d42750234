-- Operational hardening: the durable job queue, and what its workers keep — usage counters for quotas, archived
-- runs, and potential duplicate pairs. (One migration for all of it: the number 0003 may be taken by another branch.)

CREATE TABLE jobs (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    kind              TEXT NOT NULL,
    payload           TEXT NOT NULL DEFAULT '{}',
    user_id           TEXT REFERENCES users(id),
    state             TEXT NOT NULL,
    attempt           INTEGER NOT NULL DEFAULT 0,
    max_attempts      INTEGER NOT NULL,
    scheduled_at      TEXT NOT NULL,
    lease_owner       TEXT,
    lease_expires_at  TEXT,
    last_error        TEXT,
    subject           TEXT,
    unique_key        TEXT UNIQUE,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    finished_at       TEXT
);
-- The claim reads only due rows; the rescuer only running ones.
CREATE INDEX jobs_due ON jobs (scheduled_at, id) WHERE state IN ('available', 'retryable');
CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE state = 'running';
CREATE INDEX jobs_by_subject ON jobs (subject) WHERE subject IS NOT NULL;
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;

ALTER TABLE runs ADD COLUMN archived_at TEXT;
CREATE INDEX runs_running ON runs (heartbeat_at) WHERE status = 'running';
CREATE INDEX runs_unarchived ON runs (completed_at) WHERE archived_at IS NULL;

-- Counters, not sums over sources: a conditional increment of one row is exact under concurrency on every backend.
CREATE TABLE usage_storage (
    user_id       TEXT PRIMARY KEY REFERENCES users(id),
    bytes_stored  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO usage_storage (user_id, bytes_stored) SELECT user_id, SUM(byte_size) FROM sources GROUP BY user_id;

CREATE TABLE usage_interpretations (
    user_id          TEXT NOT NULL REFERENCES users(id),
    month            TEXT NOT NULL,
    interpretations  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, month)
);
INSERT INTO usage_interpretations (user_id, month, interpretations)
    SELECT user_id, substr(created_at, 1, 7), COUNT(*) FROM runs WHERE interpreter <> 'structured' GROUP BY user_id, substr(created_at, 1, 7);

-- A pair is stored once, lower entity id first; a dismissed pair keeps its row so detection never raises it again.
CREATE TABLE duplicate_candidates (
    user_id       TEXT NOT NULL REFERENCES users(id),
    entity_type   TEXT NOT NULL,
    entity_a      TEXT NOT NULL,
    entity_b      TEXT NOT NULL,
    score         REAL NOT NULL,
    status        TEXT NOT NULL,
    detected_at   TEXT NOT NULL,
    dismissed_at  TEXT,
    PRIMARY KEY (user_id, entity_a, entity_b),
    CHECK (entity_a < entity_b)
);
CREATE INDEX duplicates_by_user ON duplicate_candidates (user_id, status, score);
