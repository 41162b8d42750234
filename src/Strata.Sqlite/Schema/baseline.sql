-- The schema of a new SQLite store: what replaying every migration through the one below makes, in one script
-- (Strata.Sqlite.Storage.SqliteBaseline). Generated: do not edit; SqliteBaselineTests rewrites it with
-- STRATA_WRITE_BASELINE=1 and fails while it differs from the migrations' result.
-- through migration 550

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    plan          TEXT NOT NULL,
    api_key_hash  TEXT UNIQUE,
    created_at    TEXT NOT NULL
);

CREATE TABLE sources (
    id                 TEXT PRIMARY KEY,
    user_id            TEXT NOT NULL REFERENCES users(id),
    content_hash       TEXT NOT NULL,
    byte_size          INTEGER NOT NULL,
    mime_type          TEXT NOT NULL,
    original_filename  TEXT,
    storage_status     TEXT NOT NULL,
    storage_error      TEXT,
    created_at         TEXT NOT NULL,
    UNIQUE (user_id, content_hash)
);

CREATE INDEX sources_by_user ON sources (user_id, created_at);

CREATE TABLE raw_fragments (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id),
    source_id   TEXT,
    run_id      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    value_json  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE INDEX raw_fragments_by_run ON raw_fragments (user_id, run_id);

CREATE TABLE merges (
    id                  TEXT PRIMARY KEY,
    user_id             TEXT NOT NULL REFERENCES users(id),
    from_entity_id      TEXT NOT NULL,
    to_entity_id        TEXT NOT NULL,
    reason              TEXT,
    observations_moved  INTEGER NOT NULL,
    merged_at           TEXT NOT NULL
);

CREATE INDEX merges_by_entity ON merges (user_id, to_entity_id);

CREATE TABLE timeline_events (
    user_id         TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    entity_type     TEXT NOT NULL,
    canonical_name  TEXT NOT NULL,
    label           TEXT NOT NULL,
    field           TEXT NOT NULL,
    date            TEXT NOT NULL,
    PRIMARY KEY (entity_id, field)
);

CREATE INDEX timeline_by_user_date ON timeline_events (user_id, date);

CREATE TABLE schemas (
    user_id          TEXT NOT NULL REFERENCES users(id),
    entity_type      TEXT NOT NULL,
    version          INTEGER NOT NULL,
    schema_uid       TEXT NOT NULL,
    definition_json  TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    PRIMARY KEY (user_id, entity_type, version)
);

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
, trace_parent TEXT);

CREATE INDEX jobs_due ON jobs (scheduled_at, id) WHERE state IN ('available', 'retryable');

CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE state = 'running';

CREATE INDEX jobs_by_subject ON jobs (subject) WHERE subject IS NOT NULL;

CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;

CREATE TABLE usage_storage (
    user_id       TEXT PRIMARY KEY REFERENCES users(id),
    bytes_stored  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE usage_interpretations (
    user_id          TEXT NOT NULL REFERENCES users(id),
    month            TEXT NOT NULL,
    interpretations  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, month)
);

CREATE TABLE duplicate_candidates (
    user_id       TEXT NOT NULL REFERENCES users(id),
    entity_type   TEXT NOT NULL,
    entity_a      TEXT NOT NULL,
    entity_b      TEXT NOT NULL,
    score         REAL NOT NULL,
    status        TEXT NOT NULL,
    detected_at   TEXT NOT NULL,
    dismissed_at  TEXT, reasons_json TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (user_id, entity_a, entity_b),
    CHECK (entity_a < entity_b)
);

CREATE INDEX duplicates_by_user ON duplicate_candidates (user_id, status, score);

CREATE TABLE pending_bytes (
    user_id      TEXT NOT NULL REFERENCES users(id),
    source_id    TEXT NOT NULL,
    chunk_index  INTEGER NOT NULL,
    size         INTEGER NOT NULL,
    data         BLOB NOT NULL,
    PRIMARY KEY (user_id, source_id, chunk_index)
);

CREATE TABLE api_keys (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id),
    label         TEXT,
    key_hash      TEXT NOT NULL UNIQUE,
    created_at    TEXT NOT NULL,
    last_used_at  TEXT,
    revoked_at    TEXT
);

CREATE INDEX api_keys_by_user ON api_keys (user_id, created_at);

CREATE TABLE entity_splits (
    id                  TEXT PRIMARY KEY,
    user_id             TEXT NOT NULL REFERENCES users(id),
    from_entity_id      TEXT NOT NULL,
    to_entity_id        TEXT NOT NULL,
    merge_id            TEXT,
    reason              TEXT,
    observations_moved  INTEGER NOT NULL,
    split_at            TEXT NOT NULL
);

CREATE INDEX entity_splits_by_entity ON entity_splits (user_id, from_entity_id);

CREATE INDEX entity_splits_by_merge ON entity_splits (user_id, merge_id);

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

CREATE TABLE llm_provider_keys (
    user_id      TEXT NOT NULL REFERENCES users(id),
    provider     TEXT NOT NULL,
    sealed_key   BLOB NOT NULL,
    fingerprint  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, provider)
);

CREATE TABLE llm_user_settings (
    user_id        TEXT PRIMARY KEY REFERENCES users(id),
    default_model  TEXT,
    updated_at     TEXT NOT NULL
);

CREATE TABLE llm_calls (
    id                  TEXT PRIMARY KEY,
    user_id             TEXT NOT NULL REFERENCES users(id),
    run_id              TEXT,
    item_indexes        TEXT NOT NULL,
    provider            TEXT NOT NULL,
    model               TEXT NOT NULL,
    input_tokens        INTEGER NOT NULL,
    output_tokens       INTEGER NOT NULL,
    cache_read_tokens   INTEGER NOT NULL,
    cache_write_tokens  INTEGER NOT NULL,
    cost_nano_usd       INTEGER,
    latency_ms          INTEGER NOT NULL,
    outcome             TEXT NOT NULL,
    billing_month       TEXT NOT NULL,
    created_at          TEXT NOT NULL
);

CREATE INDEX llm_calls_by_month ON llm_calls (user_id, billing_month);

CREATE TABLE projects (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id),
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (user_id, name)
);

CREATE INDEX projects_by_user ON projects (user_id, created_at, id);

CREATE TABLE documents (
    id                 TEXT PRIMARY KEY,
    user_id            TEXT NOT NULL REFERENCES users(id),
    project_id         TEXT NOT NULL REFERENCES projects(id),
    source_id          TEXT NOT NULL REFERENCES sources(id),
    name               TEXT NOT NULL,
    media_type         TEXT NOT NULL,
    status             TEXT NOT NULL,
    converter          TEXT,
    converter_version  TEXT,
    conv_uid           TEXT,
    block_count        INTEGER NOT NULL DEFAULT 0,
    error              TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (user_id, source_id)
);

CREATE INDEX documents_by_project ON documents (user_id, project_id, created_at, id);

CREATE INDEX documents_by_status ON documents (status, updated_at);

CREATE TABLE document_blocks (
    user_id       TEXT NOT NULL REFERENCES users(id),
    document_id   TEXT NOT NULL REFERENCES documents(id),
    block_index   INTEGER NOT NULL,
    block_uid     TEXT NOT NULL,
    block_type    TEXT NOT NULL,
    content       TEXT NOT NULL,
    heading_path  TEXT NOT NULL,
    locator       TEXT NOT NULL,
    level         INTEGER,
    attributes    TEXT,
    PRIMARY KEY (document_id, block_index),
    UNIQUE (user_id, block_uid)
);

CREATE TABLE deletions (
    id             TEXT PRIMARY KEY,
    user_id        TEXT NOT NULL REFERENCES users(id),
    subject_kind   TEXT NOT NULL,
    subject_id     TEXT NOT NULL,
    subject_name   TEXT,
    removed        TEXT NOT NULL,
    deleted_at     TEXT NOT NULL
);

CREATE INDEX deletions_by_user ON deletions (user_id, deleted_at, id);

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

CREATE TABLE chat_imports (
    id                        TEXT NOT NULL,
    user_id                   TEXT NOT NULL REFERENCES users(id),
    provider                  TEXT NOT NULL,
    status                    TEXT NOT NULL,
    file_name                 TEXT,
    pipeline_version          TEXT NOT NULL,
    conversations_read        INTEGER NOT NULL DEFAULT 0,
    conversations_added       INTEGER NOT NULL DEFAULT 0,
    conversations_unchanged   INTEGER NOT NULL DEFAULT 0,
    messages_read             INTEGER NOT NULL DEFAULT 0,
    conversations_passed      INTEGER NOT NULL DEFAULT 0,
    facts_found               INTEGER NOT NULL DEFAULT 0,
    profile_json              TEXT,
    error                     TEXT,
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL, projects_source_id TEXT, lease_until TEXT, conversations_empty INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, id)
);

CREATE TABLE chat_import_conversations (
    user_id          TEXT NOT NULL REFERENCES users(id),
    import_id        TEXT NOT NULL,
    position         INTEGER NOT NULL,
    source_id        TEXT NOT NULL,
    conversation_id  TEXT NOT NULL,
    title            TEXT,
    messages         INTEGER NOT NULL,
    richness         REAL NOT NULL,
    statistics_json  TEXT NOT NULL,
    last_message_at  TEXT,
    pass_status      TEXT NOT NULL,
    run_id           TEXT,
    facts            INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, import_id, position)
);

CREATE INDEX chat_import_conversations_by_pass ON chat_import_conversations (user_id, import_id, pass_status, richness);

CREATE TABLE chat_evidence (
    user_id         TEXT NOT NULL REFERENCES users(id),
    observation_id  TEXT NOT NULL,
    field           TEXT NOT NULL,
    import_id       TEXT NOT NULL,
    source_id       TEXT NOT NULL,
    message_index   INTEGER NOT NULL,
    message_id      TEXT NOT NULL,
    block_uid       TEXT NOT NULL,
    found           INTEGER NOT NULL,
    char_start      INTEGER,
    char_length     INTEGER,
    quote           TEXT NOT NULL,
    PRIMARY KEY (user_id, observation_id, field)
);

CREATE INDEX chat_evidence_by_block ON chat_evidence (user_id, block_uid);

CREATE TABLE memory_generated (
    user_id       TEXT NOT NULL REFERENCES users(id),
    section       TEXT NOT NULL,
    text          TEXT,
    status        TEXT NOT NULL,
    error         TEXT,
    raw_output    TEXT,
    model         TEXT,
    calls         INTEGER NOT NULL,
    generated_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, section)
);

CREATE VIRTUAL TABLE entities_words USING fts5 (search_text, tokenize = 'unicode61 remove_diacritics 2', content = '', contentless_delete = 1);

CREATE TABLE "entity_keys" (
    user_row    INTEGER NOT NULL,
    key         BLOB NOT NULL,
    entity_row  INTEGER NOT NULL,
    PRIMARY KEY (user_row, key, entity_row)
) WITHOUT ROWID;

CREATE INDEX entity_keys_by_entity_row ON entity_keys (entity_row);

CREATE TABLE recall_units (
    user_id      TEXT NOT NULL REFERENCES users(id),
    document_id  TEXT NOT NULL,
    block_index  INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    at           INTEGER,
    length       INTEGER NOT NULL,
    PRIMARY KEY (document_id, block_index),
    FOREIGN KEY (document_id, block_index) REFERENCES document_blocks (document_id, block_index) ON DELETE CASCADE
);

CREATE TABLE recall_pending_documents (
    user_id      TEXT NOT NULL REFERENCES users(id),
    document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, indexed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, document_id)
);

CREATE TABLE web_sessions (
    session_hash  TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id),
    key_id        TEXT NOT NULL REFERENCES api_keys(id),
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    ended_at      TEXT
);

CREATE INDEX web_sessions_by_key ON web_sessions (key_id);

CREATE INDEX chat_imports_by_created ON chat_imports (user_id, created_at, id);

CREATE TABLE webhooks (
    id             TEXT PRIMARY KEY,
    user_id        TEXT NOT NULL REFERENCES users(id),
    url            TEXT NOT NULL,
    events         TEXT NOT NULL,
    sealed_secret  BLOB NOT NULL,
    created_at     TEXT NOT NULL
);

CREATE INDEX webhooks_by_user ON webhooks (user_id, created_at);

CREATE TABLE webhook_deliveries (
    id                TEXT PRIMARY KEY,
    user_id           TEXT NOT NULL REFERENCES users(id),
    webhook_id        TEXT NOT NULL,
    event_type        TEXT NOT NULL,
    body              TEXT NOT NULL,
    status            TEXT NOT NULL,
    attempts          INTEGER NOT NULL DEFAULT 0,
    last_status_code  INTEGER,
    last_error        TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    delivered_at      TEXT
);

CREATE INDEX webhook_deliveries_by_user ON webhook_deliveries (user_id, created_at);

CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (user_id, webhook_id, created_at);

CREATE TABLE bulk_changes (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id),
    run_id       TEXT NOT NULL,
    action       TEXT NOT NULL,
    block_count  INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    undone_at    TEXT
);

CREATE INDEX bulk_changes_by_run ON bulk_changes (user_id, run_id);

CREATE TABLE bulk_change_blocks (
    user_id         TEXT NOT NULL REFERENCES users(id),
    change_id       TEXT NOT NULL,
    block_index     INTEGER NOT NULL,
    observation_id  TEXT, previous_value_json TEXT,
    PRIMARY KEY (user_id, change_id, block_index)
);

CREATE INDEX recall_units_by_user ON recall_units (user_id, document_id, block_index, length);

CREATE TABLE "recall_vectors" (
    user_id      TEXT NOT NULL REFERENCES users(id),
    model        TEXT NOT NULL,
    document_id  TEXT NOT NULL,
    block_index  INTEGER NOT NULL,
    dimensions   INTEGER NOT NULL,
    vector       BLOB NOT NULL,
    PRIMARY KEY (user_id, model, document_id, block_index),
    FOREIGN KEY (document_id, block_index) REFERENCES recall_units (document_id, block_index) ON DELETE CASCADE
);

CREATE INDEX recall_vectors_by_unit ON recall_vectors (document_id, block_index);

CREATE TABLE recall_statistics (
    user_id      TEXT NOT NULL PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    units        INTEGER NOT NULL,
    total_length INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE recall_vector_counts (
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    model       TEXT NOT NULL,
    vectors     INTEGER NOT NULL,
    generation  INTEGER NOT NULL,
    PRIMARY KEY (user_id, model)
) WITHOUT ROWID;

CREATE TRIGGER recall_units_counted AFTER INSERT ON recall_units BEGIN
    INSERT INTO recall_statistics (user_id, units, total_length) VALUES (new.user_id, 1, new.length)
    ON CONFLICT (user_id) DO UPDATE SET units = units + 1, total_length = total_length + excluded.total_length;
END;

CREATE TRIGGER recall_units_uncounted AFTER DELETE ON recall_units BEGIN
    UPDATE recall_statistics SET units = units - 1, total_length = total_length - old.length WHERE user_id = old.user_id;
END;

CREATE TRIGGER recall_vectors_uncounted AFTER DELETE ON recall_vectors BEGIN
    UPDATE recall_vector_counts SET vectors = vectors - 1, generation = generation + 1 WHERE user_id = old.user_id AND model = old.model;
END;

CREATE TABLE recall_posting_lists (
    user_id      TEXT NOT NULL,
    term         TEXT NOT NULL,
    document_id  TEXT NOT NULL,
    first_block  INTEGER NOT NULL,
    postings     BLOB NOT NULL,
    PRIMARY KEY (user_id, term, document_id, first_block)
) WITHOUT ROWID;

CREATE INDEX recall_posting_lists_by_document ON recall_posting_lists (document_id);

CREATE TRIGGER recall_units_unlisted AFTER DELETE ON recall_units BEGIN
    DELETE FROM recall_posting_lists WHERE document_id = old.document_id;
END;

CREATE TABLE memory_generations (
    user_id     TEXT NOT NULL PRIMARY KEY,
    generation  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE VIRTUAL TABLE "entities_fts" USING fts5 (search_text, tokenize = 'trigram', content = '', contentless_delete = 1, detail = none);

CREATE TABLE "relation_terms" (
    user_row      INTEGER NOT NULL,
    term          TEXT NOT NULL,
    relation_row  INTEGER NOT NULL REFERENCES relation_observations(seq) ON DELETE CASCADE,
    PRIMARY KEY (user_row, term, relation_row)
) WITHOUT ROWID;

CREATE INDEX relation_terms_by_relation ON relation_terms (relation_row);

CREATE TABLE "entities" (
    rowid              INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    user_row           INTEGER NOT NULL,
    entity_type        TEXT NOT NULL,
    canonical_name     TEXT NOT NULL,
    merged_into        TEXT,
    merged_at          INTEGER,
    created_at         INTEGER NOT NULL,
    fields_json        TEXT NOT NULL DEFAULT '{}',
    provenance_json    TEXT NOT NULL DEFAULT '{}',
    observation_count  INTEGER NOT NULL DEFAULT 0,
    updated_at         INTEGER NOT NULL,
    memory_text        TEXT,
    memory_name        TEXT,
    memory_state       TEXT
);

CREATE INDEX entities_by_user_type ON entities (user_row, entity_type, updated_at);

CREATE INDEX entities_by_user ON entities (user_row, updated_at, id DESC);

CREATE TRIGGER memory_generation_inserted AFTER INSERT ON entities WHEN new.entity_type = 'memory_entity' BEGIN
    INSERT INTO memory_generations (user_id, generation)
    VALUES ((SELECT id FROM users WHERE rowid = new.user_row), abs(random() % 4611686018427387904))
    ON CONFLICT (user_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER memory_generation_deleted AFTER DELETE ON entities WHEN old.entity_type = 'memory_entity' BEGIN
    UPDATE memory_generations SET generation = generation + 1 WHERE user_id = (SELECT id FROM users WHERE rowid = old.user_row);
END;

CREATE TRIGGER memory_generation_updated AFTER UPDATE OF memory_text, memory_state, memory_name, merged_into, entity_type, user_row ON entities
WHEN (new.entity_type = 'memory_entity' OR old.entity_type = 'memory_entity')
    AND (new.memory_text IS NOT old.memory_text OR new.memory_state IS NOT old.memory_state OR new.memory_name IS NOT old.memory_name
        OR new.merged_into IS NOT old.merged_into
        OR new.entity_type IS NOT old.entity_type OR new.user_row IS NOT old.user_row)
BEGIN
    INSERT INTO memory_generations (user_id, generation)
    VALUES ((SELECT id FROM users WHERE rowid = new.user_row), abs(random() % 4611686018427387904))
    ON CONFLICT (user_id) DO UPDATE SET generation = generation + 1;
    UPDATE memory_generations SET generation = generation + 1
    WHERE user_id = (SELECT id FROM users WHERE rowid = old.user_row) AND old.user_row IS NOT new.user_row;
END;

CREATE TRIGGER entities_search_deleted AFTER DELETE ON entities BEGIN
    DELETE FROM entities_fts WHERE rowid = old.rowid;
    DELETE FROM entities_words WHERE rowid = old.rowid;
END;

CREATE TABLE duplicate_keyed (
    entity_row   INTEGER PRIMARY KEY,
    user_row     INTEGER NOT NULL,
    entity_type  TEXT NOT NULL,
    snapshot_at  INTEGER NOT NULL,
    observations INTEGER NOT NULL DEFAULT 0,
    keys         TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE duplicate_keyed_up_to (
    user_row     INTEGER NOT NULL,
    entity_type  TEXT NOT NULL,
    snapshot_at  INTEGER NOT NULL,
    PRIMARY KEY (user_row, entity_type)
) WITHOUT ROWID;

CREATE TABLE "duplicate_blocking_keys" (
    user_row     INTEGER NOT NULL,
    entity_type  TEXT NOT NULL,
    block_key    TEXT NOT NULL,
    entity_row   INTEGER NOT NULL,
    PRIMARY KEY (user_row, entity_type, block_key, entity_row)
) WITHOUT ROWID;

CREATE TABLE "runs" (
    seq                   INTEGER PRIMARY KEY AUTOINCREMENT,
    id                    TEXT NOT NULL UNIQUE,
    user_id               TEXT NOT NULL REFERENCES users(id),
    source_id             TEXT NOT NULL REFERENCES sources(id),
    interpreter           TEXT NOT NULL,
    interpreter_version   TEXT NOT NULL,
    config_json           TEXT NOT NULL,
    config_hash           TEXT NOT NULL,
    status                TEXT NOT NULL,
    items_count           INTEGER NOT NULL DEFAULT 0,
    observations_created  INTEGER NOT NULL DEFAULT 0,
    unknown_fields_count  INTEGER NOT NULL DEFAULT 0,
    error                 TEXT,
    created_at            TEXT NOT NULL,
    started_at            TEXT,
    completed_at          TEXT,
    heartbeat_at          TEXT,
    archived_at           TEXT,
    values_too_long       INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX runs_by_user_source ON runs (user_id, source_id, created_at);

CREATE INDEX runs_by_user ON runs (user_id, created_at);

CREATE INDEX runs_running ON runs (heartbeat_at) WHERE status = 'running';

CREATE INDEX runs_unarchived ON runs (completed_at) WHERE archived_at IS NULL;

CREATE TABLE "observations" (
    seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
    id                  TEXT NOT NULL UNIQUE,
    user_row            INTEGER NOT NULL,
    entity_id           TEXT NOT NULL REFERENCES entities(id),
    original_entity_id  TEXT NOT NULL,
    source_id           TEXT,
    run_row             INTEGER,
    run_id              TEXT,
    kind                TEXT NOT NULL,
    locator             TEXT NOT NULL,
    priority            INTEGER NOT NULL,
    state               TEXT NOT NULL,
    fields_json         TEXT NOT NULL,
    reason              TEXT,
    observed_at         INTEGER NOT NULL,
    created_at          INTEGER,
    entity_row          INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX observations_by_entity_row ON observations (entity_row, seq);

CREATE INDEX observations_by_run ON observations (coalesce(run_row, run_id));

CREATE TABLE "relation_observations" (
    seq                     INTEGER PRIMARY KEY AUTOINCREMENT,
    id                      TEXT NOT NULL UNIQUE,
    user_row                INTEGER NOT NULL,
    from_entity_id          TEXT NOT NULL,
    relation_type           TEXT NOT NULL,
    to_entity_id            TEXT NOT NULL,
    original_from_entity_id TEXT NOT NULL,
    original_to_entity_id   TEXT NOT NULL,
    state                   TEXT NOT NULL,
    properties_json         TEXT NOT NULL DEFAULT '{}',
    valid_from              INTEGER,
    valid_to                INTEGER,
    effective_at            INTEGER NOT NULL,
    observed_at             INTEGER NOT NULL,
    priority                INTEGER NOT NULL,
    run_row                 INTEGER,
    run_id                  TEXT,
    source_id               TEXT NOT NULL
);

CREATE INDEX relation_observations_by_from_type ON relation_observations (user_row, from_entity_id, relation_type, to_entity_id);

CREATE INDEX relation_observations_by_to_type ON relation_observations (user_row, to_entity_id, relation_type, from_entity_id);

CREATE TRIGGER runs_deleted_keep_id BEFORE DELETE ON runs
BEGIN
    UPDATE observations SET run_id = old.id, run_row = NULL, source_id = coalesce(source_id, old.source_id)
    WHERE coalesce(run_row, run_id) = old.seq;
END;

CREATE TRIGGER memory_generation_relation_inserted AFTER INSERT ON relation_observations
WHEN substr(new.relation_type, 1, 7) = 'memory:' BEGIN
    INSERT INTO memory_generations (user_id, generation)
    VALUES ((SELECT id FROM users WHERE rowid = new.user_row), abs(random() % 4611686018427387904))
    ON CONFLICT (user_id) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER memory_generation_relation_deleted AFTER DELETE ON relation_observations
WHEN substr(old.relation_type, 1, 7) = 'memory:' BEGIN
    UPDATE memory_generations SET generation = generation + 1 WHERE user_id = (SELECT id FROM users WHERE rowid = old.user_row);
END;

CREATE TRIGGER memory_generation_relation_updated AFTER UPDATE ON relation_observations
WHEN substr(new.relation_type, 1, 7) = 'memory:' OR substr(old.relation_type, 1, 7) = 'memory:' BEGIN
    INSERT INTO memory_generations (user_id, generation)
    VALUES ((SELECT id FROM users WHERE rowid = new.user_row), abs(random() % 4611686018427387904))
    ON CONFLICT (user_id) DO UPDATE SET generation = generation + 1;
    UPDATE memory_generations SET generation = generation + 1
    WHERE user_id = (SELECT id FROM users WHERE rowid = old.user_row) AND old.user_row IS NOT new.user_row;
END;

CREATE TRIGGER observations_fields_once_snapshot AFTER UPDATE OF fields_json, provenance_json ON entities
BEGIN
    UPDATE observations SET fields_json = old.fields_json
    WHERE entity_row = old.rowid AND fields_json = '' AND new.fields_json IS NOT old.fields_json;
    UPDATE observations SET fields_json = ''
    WHERE id = CASE WHEN json_valid(new.provenance_json) AND json_type(new.provenance_json) = 'text'
                    THEN json_extract(new.provenance_json, '$') END
      AND entity_row = new.rowid AND fields_json = new.fields_json;
END;

CREATE TRIGGER observations_fields_once_moved AFTER UPDATE OF entity_row ON observations
WHEN old.fields_json = '' AND new.entity_row IS NOT old.entity_row
BEGIN
    UPDATE observations SET fields_json = (SELECT fields_json FROM entities WHERE rowid = old.entity_row) WHERE seq = new.seq;
END;

CREATE TRIGGER observations_fields_once_entity_deleted BEFORE DELETE ON entities
BEGIN
    UPDATE observations SET fields_json = old.fields_json WHERE entity_row = old.rowid AND fields_json = '';
END;

CREATE TRIGGER observations_original_once_moved AFTER UPDATE OF entity_id ON observations
WHEN old.original_entity_id = '' AND new.original_entity_id = '' AND new.entity_id IS NOT old.entity_id
BEGIN
    UPDATE observations SET original_entity_id = old.entity_id WHERE seq = new.seq;
END;

CREATE TRIGGER observations_original_once_back AFTER UPDATE OF entity_id, original_entity_id ON observations
WHEN new.original_entity_id = new.entity_id
BEGIN
    UPDATE observations SET original_entity_id = '' WHERE seq = new.seq;
END;

INSERT INTO "entities_words" ("entities_words", rank) VALUES ('automerge', 2);

INSERT INTO "entities_fts" ("entities_fts", rank) VALUES ('automerge', 2);
