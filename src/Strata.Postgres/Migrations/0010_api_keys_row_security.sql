-- Row-level security for api_keys, like users (0007): a session (strata_app) sees and writes only its own user's
-- keys. Issuing, listing, revoking and authenticating keys run as the connecting role, which owns the table and is
-- not bound by the policy: a credential becomes a user before any user is known.
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY api_keys_by_user ON api_keys USING (user_id = current_setting('strata.user_id', true))
    WITH CHECK (user_id = current_setting('strata.user_id', true));
