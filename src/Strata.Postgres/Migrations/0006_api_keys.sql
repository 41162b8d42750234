-- API keys move out of users: several keys per user, each with an id, a label, its creation, last use and
-- revocation times. Only the SHA-256 of a secret is stored. Row-level security comes in 0010 (as for users in 0007):
-- keys are read as the owning role, before any user is known.

CREATE TABLE api_keys (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id),
    label         TEXT,
    key_hash      TEXT NOT NULL UNIQUE,
    created_at    TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);
CREATE INDEX api_keys_by_user ON api_keys (user_id, created_at);
GRANT SELECT, INSERT, UPDATE ON api_keys TO strata_app;

-- Each user's existing key keeps working, now as a key of its own.
INSERT INTO api_keys (id, user_id, label, key_hash, created_at)
SELECT 'key_' || substr(api_key_hash, 1, 24), id, 'created with the user', api_key_hash, created_at
FROM users WHERE api_key_hash IS NOT NULL;

ALTER TABLE users DROP COLUMN api_key_hash;
