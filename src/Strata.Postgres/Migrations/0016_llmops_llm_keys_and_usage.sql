-- LLM settings and accounting per user. Provider keys are stored sealed (AES-GCM under the server key, bound to the
-- user and provider) with only their fingerprint in clear; the default model is the user's link of the model chain;
-- every model call is one row in the billing month it was recorded in (cost in billionths of a dollar, so sums are
-- exact on both databases; NULL when the model has no price). All three under row-level security like every user table.

CREATE TABLE llm_provider_keys (
    user_id      TEXT NOT NULL REFERENCES users(id),
    provider     TEXT NOT NULL,
    sealed_key   BYTEA NOT NULL,
    fingerprint  TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, provider)
);

CREATE TABLE llm_user_settings (
    user_id        TEXT PRIMARY KEY REFERENCES users(id),
    default_model  TEXT,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE llm_calls (
    id                  TEXT PRIMARY KEY,
    user_id             TEXT NOT NULL REFERENCES users(id),
    run_id              TEXT,
    item_indexes        TEXT NOT NULL,
    provider            TEXT NOT NULL,
    model               TEXT NOT NULL,
    input_tokens        BIGINT NOT NULL,
    output_tokens       BIGINT NOT NULL,
    cache_read_tokens   BIGINT NOT NULL,
    cache_write_tokens  BIGINT NOT NULL,
    cost_nano_usd       BIGINT,
    latency_ms          BIGINT NOT NULL,
    outcome             TEXT NOT NULL,
    billing_month       TEXT NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX llm_calls_by_month ON llm_calls (user_id, billing_month);

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['llm_provider_keys', 'llm_user_settings', 'llm_calls']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY %I ON %I USING (user_id = current_setting('strata.user_id', true))
                         WITH CHECK (user_id = current_setting('strata.user_id', true))$p$, t || '_by_user', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO strata_app', t);
    END LOOP;
END
$$;
