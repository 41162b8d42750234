-- The embedding backfill's walk (issue 27): the units without a vector are read in key order, a page after the last
-- unit read. The user's units were indexed by (user_id, length) only, so every page read and sorted all of the user's
-- units: a backfill of n units cost n²/page. Indexed by (user_id, document_id, block_index) a page is a range seek that
-- stops at its LIMIT; length stays last so the BM25 statistics (count and total length per user) are an index-only scan.
-- (recall_vectors keeps its layout here: a 1,536-byte vector stays in its heap row, under the TOAST threshold.)
DROP INDEX recall_units_by_user;
CREATE INDEX recall_units_by_user ON recall_units (user_id, document_id, block_index, length);
