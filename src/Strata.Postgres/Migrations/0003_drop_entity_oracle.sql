-- A change to another user's entity now answers ENTITY_NOT_FOUND, exactly as a read does, so nothing needs to see
-- past row-level security to tell "someone else's" from "missing". The function that did is dropped: any answer
-- about other users' rows is an oracle for ids, which are derived from names and so can be computed.
DROP FUNCTION IF EXISTS strata_entity_of_other_user(TEXT, TEXT);
