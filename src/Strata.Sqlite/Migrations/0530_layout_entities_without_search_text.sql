-- The entity row keeps no copy of its search text (issue 32, `bench disk`): 67 bytes an entity at 2,000 contacts, kept
-- only to check a trigram hit (the index keeps no positions, 0480) and to feed the word index's triggers. The text is
-- a function of the row's type, canonical name and fields (Strata.Core.Snapshots.SearchTexts), so both full-text
-- indexes are now written by the store as the row is, from the same text (EntitySql.SearchInsert and its batch), and a
-- hit is checked against the text computed again from the row (the strata_search_text function every connection
-- registers, SqliteFunctions). An entity deleted by any statement leaves no entry in either index behind: entities'
-- rowids are reused, and a new entity must not inherit an old one's words.
DROP TRIGGER entities_words_insert;
DROP TRIGGER entities_words_update;
DROP TRIGGER entities_words_delete;

ALTER TABLE entities DROP COLUMN search_text;

CREATE TRIGGER entities_search_deleted AFTER DELETE ON entities BEGIN
    DELETE FROM entities_fts WHERE rowid = old.rowid;
    DELETE FROM entities_words WHERE rowid = old.rowid;
END;
