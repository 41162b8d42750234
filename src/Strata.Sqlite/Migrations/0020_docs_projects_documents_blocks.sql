-- Documents: projects (named per user), documents (a source in a project, with its conversion's status, converter and
-- error) and their blocks (immutable, typed, located; block_uid = conv_uid:index, unique per user), and the audit of
-- explicit deletes (what was deleted and how many things went with it).
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
