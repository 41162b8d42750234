-- The full-text index keeps no copy of the text it indexes (a contentless-delete FTS5 table, SQLite 3.43+). The
-- entities table already holds search_text; the index's own copy (entities_fts_content) was one more copy of every
-- entity's name and values, rewritten on every snapshot refresh. Rows are still deleted by rowid as before. The
-- postings move over as they were: every row the old index held, with its rowid (= entities.rowid).
CREATE VIRTUAL TABLE entities_fts_lean USING fts5 (search_text, tokenize = 'trigram', content = '', contentless_delete = 1);
INSERT INTO entities_fts_lean (entities_fts_lean, rank) VALUES ('automerge', 2);
INSERT INTO entities_fts_lean (rowid, search_text) SELECT rowid, search_text FROM entities_fts;
DROP TABLE entities_fts;
ALTER TABLE entities_fts_lean RENAME TO entities_fts;
