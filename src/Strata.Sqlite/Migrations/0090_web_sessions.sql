-- Sessions of the web page (docs/web.md): a browser signs in with an API key once and then carries a random session
-- id in an HttpOnly cookie. Only the SHA-256 of that id is stored, never the key. A session belongs to the key that
-- opened it: revoking the key ends its sessions (the lookup requires the key to be live), signing out ends one.

CREATE TABLE web_sessions (
    session_hash  TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id),
    key_id        TEXT NOT NULL REFERENCES api_keys(id),
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    ended_at      TEXT
);
CREATE INDEX web_sessions_by_key ON web_sessions (key_id);
