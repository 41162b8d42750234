-- Chat-history memory: an import of a chat export with its status, counts and profile; each conversation of it (the
-- source holding it, the quick pass's statistics, how far the full pass is with it); and where each fact the full pass
-- found was said (the message's block uid and the characters within the message's text).
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
    updated_at                TEXT NOT NULL,
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
