-- Entity lists page by cursor over (updated_at DESC, id): the index now holds that whole order, so the first page of a
-- list reads one page of the index however many entities there are. Before, rows written by one batch shared their
-- updated_at and every row of such a group was read and sorted by id before the first page could be answered.
DROP INDEX entities_by_user;
CREATE INDEX entities_by_user ON entities (user_id, updated_at DESC, id);
