-- The words a relation observation is found by (relation_terms, 0250) name their user and their observation by rowid:
-- the user's rowid and the observation's seq, in place of two text ids of 28 characters (issue 32, `bench disk`). On the
-- peer workload's 2,000 entities (one relation each, one word each) the table and its index took 344 KB, 172 bytes a
-- relation; the same rows by rowid take 70 KB. The words are the same: only the names of their owners change.
--
-- A term row goes with its observation (ON DELETE CASCADE on the seq, found by relation_terms_by_relation). The read of a
-- term's rows is cut in the index's order, here the order observations were written in (PostgreSQL keeps the ids and cuts
-- in their order): a cut read is reported as such on both databases (RelationTermMatches.PostingsCut).
CREATE TABLE relation_terms_lean (
    user_row      INTEGER NOT NULL,
    term          TEXT NOT NULL,
    relation_row  INTEGER NOT NULL REFERENCES relation_observations(seq) ON DELETE CASCADE,
    PRIMARY KEY (user_row, term, relation_row)
) WITHOUT ROWID;
INSERT INTO relation_terms_lean (user_row, term, relation_row)
SELECT u.rowid, t.term, o.seq
FROM relation_terms t JOIN users u ON u.id = t.user_id JOIN relation_observations o ON o.id = t.observation_id
ORDER BY 1, 2, 3;
DROP TABLE relation_terms;
ALTER TABLE relation_terms_lean RENAME TO relation_terms;
CREATE INDEX relation_terms_by_relation ON relation_terms (relation_row);
