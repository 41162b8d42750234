-- Recall finds a relation by its own words (docs/recall.md): one row per distinct term of an observation's type and
-- property values (lower-cased, stemmed: the analysis of recall's word index). Keyed by the observation, not by the
-- relation's ends, so a merge or an unmerge (which move the ends of relation_observations) needs no rewrite here; the
-- reduction at the question's time decides whether the relation holds. Written in the transaction of the observation,
-- removed with it (cascade). The relations written before this migration are indexed with it (Strata.Relational's
-- RelationTermBackfill runs in this migration's transaction: the analysis is C#, not SQL).
CREATE TABLE relation_terms (
    user_id         TEXT NOT NULL REFERENCES users(id),
    term            TEXT NOT NULL,
    observation_id  TEXT NOT NULL REFERENCES relation_observations(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, term, observation_id)
) WITHOUT ROWID;
CREATE INDEX relation_terms_by_observation ON relation_terms (observation_id);
