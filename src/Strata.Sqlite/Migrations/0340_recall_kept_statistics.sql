-- Recall's statistics kept rather than counted per question (issue 27): BM25 needs the user's unit count and summed
-- length, the vector signal the user's vector count per model, and counting them read every unit or vector of the user
-- on every question (~11 ms at 200,000 units). One row per user and one per (user, model), kept by triggers, so every
-- path that writes or removes a unit or a vector keeps them - the index writes, the backfill, a model change, and the
-- cascades from a document, a project or a user deleted - in the transaction that makes the change. A vector row's
-- generation grows with every vector added or removed: a process that keeps the vectors in memory reloads them when it
-- changes (SQLite has one writer at a time, so a row per key serialises nothing that was not serialised already).
CREATE TABLE recall_statistics (
    user_id      TEXT NOT NULL PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    units        INTEGER NOT NULL,
    total_length INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE recall_vector_counts (
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    model       TEXT NOT NULL,
    vectors     INTEGER NOT NULL,
    generation  INTEGER NOT NULL,
    PRIMARY KEY (user_id, model)
) WITHOUT ROWID;

INSERT INTO recall_statistics (user_id, units, total_length)
SELECT user_id, COUNT(*), SUM(length) FROM recall_units GROUP BY user_id;
INSERT INTO recall_vector_counts (user_id, model, vectors, generation)
SELECT user_id, model, COUNT(*), COUNT(*) FROM recall_vectors GROUP BY user_id, model;

-- ON CONFLICT DO NOTHING skips a row without firing these: a unit or vector written twice is counted once.
CREATE TRIGGER recall_units_counted AFTER INSERT ON recall_units BEGIN
    INSERT INTO recall_statistics (user_id, units, total_length) VALUES (new.user_id, 1, new.length)
    ON CONFLICT (user_id) DO UPDATE SET units = units + 1, total_length = total_length + excluded.total_length;
END;

CREATE TRIGGER recall_units_uncounted AFTER DELETE ON recall_units BEGIN
    UPDATE recall_statistics SET units = units - 1, total_length = total_length - old.length WHERE user_id = old.user_id;
END;

CREATE TRIGGER recall_vectors_counted AFTER INSERT ON recall_vectors BEGIN
    INSERT INTO recall_vector_counts (user_id, model, vectors, generation) VALUES (new.user_id, new.model, 1, 1)
    ON CONFLICT (user_id, model) DO UPDATE SET vectors = vectors + 1, generation = generation + 1;
END;

CREATE TRIGGER recall_vectors_uncounted AFTER DELETE ON recall_vectors BEGIN
    UPDATE recall_vector_counts SET vectors = vectors - 1, generation = generation + 1 WHERE user_id = old.user_id AND model = old.model;
END;
