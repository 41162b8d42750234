-- The trigram index of entity text keeps which entities hold a trigram, not where (FTS5 detail=none; issue 32,
-- `bench disk`). Positions were there for phrase queries only: a substring query asked for the phrase of a word's
-- trigrams. It now asks for the entities holding every trigram of the word and keeps those whose text
-- (entities.search_text, already in the row it reads) contains the word (SqliteEntityStore.SubstringHits). Measured on
-- the peer workload's 2,000 entities: the trigram postings 380 -> 134 KB. On 100,000 contacts the match of a company's
-- trigrams took 1.8 ms at the median against 3.5 ms with positions (less to read).
--
-- The word index (entities_words) keeps its positions: without them its postings were 72 -> 32 KB at 2,000 entities,
-- but a query of two word prefixes on 100,000 contacts took 2.3 ms against 0.7 ms (FTS5 merges prefix lists without
-- positions by another, slower path), and most text queries are answered there.
--
-- A contentless index cannot be read back, so it is filled again from the rows, as the store fills it: every entity
-- not merged into another (a merged entity's reads redirect). It is made under another name and renamed, as 0012 did
-- (SqliteBaselineTests tells a replayed store from the baseline by the quotes that rename leaves).
CREATE VIRTUAL TABLE entities_fts_lean USING fts5 (search_text, tokenize = 'trigram', content = '', contentless_delete = 1, detail = none);
INSERT INTO entities_fts_lean (entities_fts_lean, rank) VALUES ('automerge', 2);
INSERT INTO entities_fts_lean (rowid, search_text) SELECT rowid, search_text FROM entities WHERE merged_into IS NULL;
DROP TABLE entities_fts;
ALTER TABLE entities_fts_lean RENAME TO entities_fts;
