-- Runs of a block schema over a document and their review: which document, project and schema version a run applies
-- (block_runs, beside the run itself in runs and its items, one per block, in run_items), and each block's value as an
-- overlay (block_values): staged by the model, then confirmed, rejected back to pending, or edited by a person.
CREATE TABLE block_runs (
    user_id         TEXT NOT NULL REFERENCES users(id),
    run_id          TEXT NOT NULL REFERENCES runs(id),
    document_id     TEXT NOT NULL,
    project_id      TEXT NOT NULL,
    schema_ref      TEXT NOT NULL,
    schema_version  INTEGER NOT NULL,
    schema_uid      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (user_id, run_id)
);
CREATE INDEX block_runs_by_document ON block_runs (user_id, document_id, schema_uid);
CREATE INDEX block_runs_by_project ON block_runs (user_id, project_id);
CREATE INDEX block_runs_by_schema ON block_runs (user_id, schema_ref);

-- Workers claim a run's pending items in index order: this index hands them over without sorting the run.
CREATE INDEX run_items_to_claim ON run_items (user_id, run_id, status, item_index);

CREATE TABLE block_values (
    user_id           TEXT NOT NULL REFERENCES users(id),
    run_id            TEXT NOT NULL REFERENCES runs(id),
    block_index       INTEGER NOT NULL,
    block_uid         TEXT NOT NULL,
    document_id       TEXT NOT NULL,
    project_id        TEXT NOT NULL,
    schema_ref        TEXT NOT NULL,
    state             TEXT NOT NULL,
    value_json        TEXT,
    model_value_json  TEXT,
    edited            INTEGER NOT NULL DEFAULT 0,
    edited_by         TEXT,
    edited_at         TEXT,
    confirmed_by      TEXT,
    confirmed_at      TEXT,
    observation_id    TEXT,
    entity_id         TEXT,
    updated_at        TEXT NOT NULL,
    PRIMARY KEY (user_id, run_id, block_index)
);
CREATE INDEX block_values_by_state ON block_values (user_id, run_id, state);
CREATE INDEX block_values_by_document ON block_values (user_id, document_id, state);
CREATE INDEX block_values_by_project ON block_values (user_id, project_id, state);
