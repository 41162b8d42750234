-- The list index (0011) kept (user_id, updated_at DESC, id): a new or refreshed entity has the latest time, so each
-- went to the index's left edge, where SQLite splits pages and leaves them half full (dbstat at 10,000 contacts: 49% of
-- the index unused). The same order read backwards, (updated_at DESC, id) from (updated_at, id DESC), puts them at the
-- right edge, where pages fill: same rows, same order, half the pages. The planner reads it backwards (no sort).
DROP INDEX entities_by_user;
CREATE INDEX entities_by_user ON entities (user_id, updated_at, id DESC);
