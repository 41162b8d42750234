-- LLM runs: a run's work items (chunks of a source) with their outcome, tokens and cost; the evidence of each value an
-- LLM run extracted (the quote and its character range in the source); and the call slots that bound concurrent model
-- calls across every worker and process.
CREATE TABLE run_items (
    user_id             TEXT NOT NULL REFERENCES users(id),
    run_id              TEXT NOT NULL REFERENCES runs(id),
    item_index          INTEGER NOT NULL,
    status              TEXT NOT NULL,
    char_start          INTEGER NOT NULL,
    char_length         INTEGER NOT NULL,
    input_tokens        INTEGER NOT NULL DEFAULT 0,
    output_tokens       INTEGER NOT NULL DEFAULT 0,
    cache_read_tokens   INTEGER NOT NULL DEFAULT 0,
    cache_write_tokens  INTEGER NOT NULL DEFAULT 0,
    cost_nanos          INTEGER,
    attempts            INTEGER NOT NULL DEFAULT 0,
    calls               INTEGER NOT NULL DEFAULT 0,
    error               TEXT,
    raw_output          TEXT,
    updated_at          TEXT NOT NULL,
    PRIMARY KEY (user_id, run_id, item_index)
);
CREATE INDEX run_items_by_status ON run_items (user_id, run_id, status);

CREATE TABLE observation_evidence (
    user_id         TEXT NOT NULL REFERENCES users(id),
    observation_id  TEXT NOT NULL,
    field           TEXT NOT NULL,
    run_id          TEXT NOT NULL REFERENCES runs(id),
    item_index      INTEGER NOT NULL,
    quote           TEXT NOT NULL,
    found           INTEGER NOT NULL,
    char_start      INTEGER,
    char_length     INTEGER,
    match           TEXT NOT NULL,
    PRIMARY KEY (user_id, observation_id, field)
);
CREATE INDEX observation_evidence_by_run ON observation_evidence (user_id, run_id, item_index);

CREATE TABLE llm_call_slots (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id),
    holder       TEXT NOT NULL,
    acquired_at  TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX llm_call_slots_by_expiry ON llm_call_slots (expires_at);
CREATE INDEX llm_call_slots_by_user ON llm_call_slots (user_id, expires_at);
