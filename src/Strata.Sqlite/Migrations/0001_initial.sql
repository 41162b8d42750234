-- The sources-first core: users, sources, runs, entities with their snapshots, observations, raw fragments,
-- merges, timeline events and user schemas. Every user-owned table carries user_id and is queried by it.

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

CREATE TABLE runs (
    id                    TEXT PRIMARY KEY,
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
    heartbeat_at          TEXT
);
CREATE INDEX runs_by_user_source ON runs (user_id, source_id, created_at);
CREATE INDEX runs_by_user ON runs (user_id, created_at);

CREATE TABLE entities (
    id                 TEXT PRIMARY KEY,
    user_id            TEXT NOT NULL REFERENCES users(id),
    entity_type        TEXT NOT NULL,
    canonical_name     TEXT NOT NULL,
    merged_into        TEXT,
    merged_at          TEXT,
    created_at         TEXT NOT NULL,
    fields_json        TEXT NOT NULL DEFAULT '{}',
    provenance_json    TEXT NOT NULL DEFAULT '{}',
    observation_count  INTEGER NOT NULL DEFAULT 0,
    updated_at         TEXT NOT NULL,
    search_text        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entities_by_user_type ON entities (user_id, entity_type, updated_at);
CREATE INDEX entities_by_user ON entities (user_id, updated_at);

-- Substring search over canonical names and snapshot values; rowid = entities.rowid.
CREATE VIRTUAL TABLE entities_fts USING fts5 (search_text, tokenize = 'trigram');

CREATE TABLE observations (
    seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
    id                  TEXT NOT NULL UNIQUE,
    user_id             TEXT NOT NULL REFERENCES users(id),
    entity_id           TEXT NOT NULL REFERENCES entities(id),
    original_entity_id  TEXT NOT NULL,
    source_id           TEXT,
    run_id              TEXT,
    kind                TEXT NOT NULL,
    locator             TEXT NOT NULL,
    priority            INTEGER NOT NULL,
    state               TEXT NOT NULL,
    fields_json         TEXT NOT NULL,
    reason              TEXT,
    observed_at         TEXT NOT NULL,
    created_at          TEXT NOT NULL
);
CREATE INDEX observations_by_entity ON observations (user_id, entity_id, seq);
CREATE INDEX observations_by_run ON observations (user_id, run_id);

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
