-- Webhooks (docs/webhooks.md): a user's subscriptions to events, and one delivery row per event and subscription.
-- The signing secret is stored sealed (AES-GCM under the server key, bound to the user and the webhook), never in
-- clear. A delivery's id is derived from the webhook and the event, so emitting the same event twice adds nothing
-- and a receiver dedupes on it; the job that sends it is in the jobs table (kind webhook.deliver).

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
