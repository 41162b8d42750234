namespace Strata.Relational.Recall;

/// <summary>The recall vectors' SQL: plain tables and a blob, the same text on both databases.</summary>
internal sealed partial record RecallSql
{
    /// <summary>The backfill's walk: a page of the user's units that have no vector for @model, in key order, with their
    /// text. It is a range seek on recall_units_by_user (user_id, document_id, block_index; migration 0335) stopped by the
    /// LIMIT, each unit probed for its vector by key: a page costs its own units, never a sort or a scan of all of them.
    /// The vector's probe and the text are scalar subqueries (the keys make each one row at most; a unit always has its
    /// block), not NOT EXISTS and a join, so that recall_units is the only table PostgreSQL can drive the plan from: it
    /// turned NOT EXISTS into an anti-join merged against the user's vectors from the first one (every page read all the
    /// vectors behind the walk again), and with the join it guessed few units match and sorted a scan of the blocks.</summary>
    public string Unembedded { get; init; } = """
        SELECT u.document_id, u.block_index,
            (SELECT b.content FROM document_blocks b WHERE b.document_id = u.document_id AND b.block_index = u.block_index)
        FROM recall_units u
        WHERE u.user_id = @UserId AND (SELECT v.block_index FROM recall_vectors v
            WHERE v.user_id = @UserId AND v.model = @model AND v.document_id = u.document_id AND v.block_index = u.block_index) IS NULL
        """;

    /// <summary>When set (PostgreSQL), run in the walk's transaction before a page is read. The planner prices a page at the
    /// whole range of the user's units with a probe each (it cannot know how soon the LIMIT is reached), which passes
    /// jit_above_cost from some 15,000 units on, and compiling the query then took ~20 ms of every ~2 ms page.</summary>
    public string? UnembeddedSettings { get; init; }

    /// <summary>The walk's next page: a row-value bound, which both databases seek the index by (the OR form they do not).</summary>
    public string UnembeddedAfter { get; init; } = " AND (u.document_id, u.block_index) > (@afterDocument, @afterIndex)";

    public string UnembeddedOrder { get; init; } = " ORDER BY u.document_id, u.block_index LIMIT @limit + 0";

    /// <summary>A batch of vectors in multi-row statements (<see cref="RowBatches"/>): the head, one row per vector, the tail.</summary>
    public string InsertVectorsHead { get; init; } = "INSERT INTO recall_vectors (user_id, model, document_id, block_index, dimensions, vector) VALUES";

    /// <inheritdoc cref="InsertVectorsHead"/>
    public string InsertVectorsRow { get; init; } = "(@UserId, @model{n}, @documentId{n}, @blockIndex{n}, @dimensions{n}, @vector{n})";

    /// <inheritdoc cref="InsertVectorsHead"/>
    public string InsertVectorsTail { get; init; } = "ON CONFLICT DO NOTHING";

    /// <summary>The per-row parameters of <see cref="InsertVectorsRow"/>, in binding order.</summary>
    public static readonly string[] InsertVectorsColumns = ["model", "documentId", "blockIndex", "dimensions", "vector"];

    /// <summary>When set (PostgreSQL: <c>unnest</c>), a write's vectors go in one statement that takes them as three arrays of
    /// one length (@documentIds, @blockIndexes, @vectors), whatever their number: one round trip per transaction. When
    /// null (SQLite, in process: a statement costs no round trip), in the multi-row statements above.</summary>
    public string? InsertVectorArrays { get; init; }

    /// <summary>Adds a write's vectors (@added, those its statements wrote) to the user's kept count and generation for @model,
    /// once per write (SQLite, migration 0470: it replaced a trigger that did this once per row, about a quarter of an
    /// insert's time). Null where the database keeps the count itself (PostgreSQL: a statement trigger, once per statement).</summary>
    public string? CountAddedVectors { get; init; } = """
        INSERT INTO recall_vector_counts (user_id, model, vectors, generation) VALUES (@UserId, @model, @added, @added)
        ON CONFLICT (user_id, model) DO UPDATE SET vectors = vectors + excluded.vectors, generation = generation + excluded.generation
        """;

    /// <summary>The kept counts and generations (migration 0340), summed per model as <see cref="Statistics"/> is.</summary>
    public string VectorCounts { get; init; } =
        "SELECT model, SUM(vectors), SUM(generation) FROM recall_vector_counts WHERE user_id = @UserId GROUP BY model HAVING SUM(vectors) > 0";

    public string DeleteOtherModels { get; init; } = "DELETE FROM recall_vectors WHERE user_id = @UserId AND model <> @model";

    /// <summary>One batch of a model's vectors; the optional conditions (on <c>u</c>, the unit) are appended by the store.</summary>
    public string Vectors { get; init; } = """
        SELECT v.document_id, v.block_index, v.vector, u.kind, u.at FROM recall_vectors v
        JOIN recall_units u ON u.document_id = v.document_id AND u.block_index = v.block_index
        WHERE v.user_id = @UserId AND v.model = @model
        """;

    public string VectorsAfter { get; init; } = " AND (v.document_id > @afterDocument OR (v.document_id = @afterDocument AND v.block_index > @afterIndex))";

    public string VectorsProjectCondition { get; init; } =
        " AND v.document_id IN (SELECT id FROM documents WHERE user_id = @UserId AND project_id = @projectId)";

    public string VectorsOrder { get; init; } = " ORDER BY v.document_id, v.block_index LIMIT @limit + 0";
}
