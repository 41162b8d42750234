-- Sessions of the web page (docs/web.md): a browser signs in with an API key once and then carries a random session
-- id in an HttpOnly cookie. Only the SHA-256 of that id is stored, never the key. A session belongs to the key that
-- opened it: revoking the key ends its sessions (the lookup requires the key to be live), signing out ends one.
-- Like api_keys (0010), sessions are read as the connecting role, before any user is known; a user's session
-- (strata_app) sees only its own rows.

CREATE TABLE web_sessions (
    session_hash  TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id),
    key_id        TEXT NOT NULL REFERENCES api_keys(id),
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    ended_at      TIMESTAMPTZ
);
CREATE INDEX web_sessions_by_key ON web_sessions (key_id);
GRANT SELECT, INSERT, UPDATE ON web_sessions TO strata_app;
ALTER TABLE web_sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY web_sessions_by_user ON web_sessions USING (user_id = current_setting('strata.user_id', true))
    WITH CHECK (user_id = current_setting('strata.user_id', true));
