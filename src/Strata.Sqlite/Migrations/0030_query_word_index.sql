-- A word index beside the trigram one. A text query made of whole words is answered from the postings of its words
-- (unicode61: letters and digits make words, case and diacritics folded), which stay short where a common trigram's
-- list covers most entities; the trigram index still answers substrings. Contentless-delete like entities_fts: the
-- entities table keeps the text. Triggers on entities keep it in step with search_text on every write path (insert,
-- snapshot refresh, a merge that empties the text, delete) without a second statement per write in the store code;
-- an update that leaves the text as it was touches nothing.
CREATE VIRTUAL TABLE entities_words USING fts5 (search_text, tokenize = 'unicode61 remove_diacritics 2', content = '', contentless_delete = 1);
INSERT INTO entities_words (entities_words, rank) VALUES ('automerge', 2);
INSERT INTO entities_words (rowid, search_text) SELECT rowid, search_text FROM entities WHERE search_text <> '';

CREATE TRIGGER entities_words_insert AFTER INSERT ON entities WHEN new.search_text <> '' BEGIN
    INSERT INTO entities_words (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

CREATE TRIGGER entities_words_update AFTER UPDATE OF search_text ON entities WHEN new.search_text IS NOT old.search_text BEGIN
    DELETE FROM entities_words WHERE rowid = old.rowid AND old.search_text <> '';
    INSERT INTO entities_words (rowid, search_text) SELECT new.rowid, new.search_text WHERE new.search_text <> '';
END;

CREATE TRIGGER entities_words_delete AFTER DELETE ON entities WHEN old.search_text <> '' BEGIN
    DELETE FROM entities_words WHERE rowid = old.rowid;
END;
