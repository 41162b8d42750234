-- The sources-first core on PostgreSQL. Tables are owned by the migrating role; Strata's queries run as the
-- role strata_app (SET LOCAL ROLE per transaction), which is not the owner and has no BYPASSRLS, so the
-- row-level security policies below are a second wall behind the user filter every query already has.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'strata_app') THEN
        CREATE ROLE strata_app NOLOGIN NOBYPASSRLS;
    END IF;
    -- The connecting role switches to strata_app inside each transaction (SET LOCAL ROLE).
    EXECUTE format('GRANT strata_app TO %I', current_user);
END
$$;

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    plan          TEXT NOT NULL,
    api_key_hash  TEXT UNIQUE,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE sources (
    id                 TEXT PRIMARY KEY,
    user_id            TEXT NOT NULL REFERENCES users(id),
    content_hash       TEXT NOT NULL,
    byte_size          BIGINT NOT NULL,
    mime_type          TEXT NOT NULL,
    original_filename  TEXT,
    storage_status     TEXT NOT NULL,
    storage_error      TEXT,
    created_at         TIMESTAMPTZ NOT NULL,
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
    created_at            TIMESTAMPTZ NOT NULL,
    started_at            TIMESTAMPTZ,
    completed_at          TIMESTAMPTZ,
    heartbeat_at          TIMESTAMPTZ
);
CREATE INDEX runs_by_user_source ON runs (user_id, source_id, created_at);
CREATE INDEX runs_by_user ON runs (user_id, created_at);

CREATE TABLE entities (
    id                 TEXT PRIMARY KEY,
    user_id            TEXT NOT NULL REFERENCES users(id),
    entity_type        TEXT NOT NULL,
    canonical_name     TEXT NOT NULL,
    merged_into        TEXT,
    merged_at          TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL,
    fields_json        JSONB NOT NULL DEFAULT '{}',
    provenance_json    JSONB NOT NULL DEFAULT '{}',
    observation_count  INTEGER NOT NULL DEFAULT 0,
    updated_at         TIMESTAMPTZ NOT NULL,
    search_text        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entities_by_user_type ON entities (user_id, entity_type, updated_at);
CREATE INDEX entities_by_user ON entities (user_id, updated_at);

CREATE TABLE observations (
    seq                 BIGSERIAL PRIMARY KEY,
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
    fields_json         JSONB NOT NULL,
    reason              TEXT,
    observed_at         TIMESTAMPTZ NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL
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
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX raw_fragments_by_run ON raw_fragments (user_id, run_id);

CREATE TABLE merges (
    id                  TEXT PRIMARY KEY,
    user_id             TEXT NOT NULL REFERENCES users(id),
    from_entity_id      TEXT NOT NULL,
    to_entity_id        TEXT NOT NULL,
    reason              TEXT,
    observations_moved  INTEGER NOT NULL,
    merged_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX merges_by_entity ON merges (user_id, to_entity_id);

CREATE TABLE timeline_events (
    user_id         TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    entity_type     TEXT NOT NULL,
    canonical_name  TEXT NOT NULL,
    label           TEXT NOT NULL,
    field           TEXT NOT NULL,
    date            TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (entity_id, field)
);
CREATE INDEX timeline_by_user_date ON timeline_events (user_id, date);

CREATE TABLE schemas (
    user_id          TEXT NOT NULL REFERENCES users(id),
    entity_type      TEXT NOT NULL,
    version          INTEGER NOT NULL,
    schema_uid       TEXT NOT NULL,
    definition_json  TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, entity_type, version)
);

-- Row-level security: a row is visible and writable only while strata.user_id names its owner.
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['sources', 'runs', 'entities', 'observations', 'raw_fragments', 'merges', 'timeline_events', 'schemas']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY %I ON %I USING (user_id = current_setting('strata.user_id', true))
                         WITH CHECK (user_id = current_setting('strata.user_id', true))$p$, t || '_by_user', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO strata_app', t);
    END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE ON users TO strata_app;
GRANT USAGE ON SEQUENCE observations_seq_seq TO strata_app;

-- "Is this entity someone else's?" must see past RLS to answer ENTITY_ACCESS_DENIED; it reveals only a boolean.
CREATE FUNCTION strata_entity_of_other_user(entity TEXT, me TEXT) RETURNS BOOLEAN
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT EXISTS (SELECT 1 FROM entities WHERE id = entity AND user_id <> me) $$;
REVOKE ALL ON FUNCTION strata_entity_of_other_user(TEXT, TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION strata_entity_of_other_user(TEXT, TEXT) TO strata_app;
