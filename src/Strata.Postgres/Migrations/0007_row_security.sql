-- Row-level security for users, the one table of a user's own data that had none: a session (strata_app) could
-- read every user's name, plan and API key hash. A session now sees and writes only its own user row. Creating,
-- listing and authenticating users run as the connecting role, which owns the table and is not bound by the policy.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_by_user ON users USING (id = current_setting('strata.user_id', true))
    WITH CHECK (id = current_setting('strata.user_id', true));
