namespace Strata.Relational.Review;

/// <summary>The block_runs and block_values tables' SQL (and what block runs do to their runs and items); the defaults
/// are the text both databases accept.</summary>
internal sealed partial record ReviewSql
{
    public const string RunColumns = """
        run_id AS RunId, document_id AS DocumentId, project_id AS ProjectId, schema_ref AS SchemaRef,
        schema_version AS SchemaVersion, schema_uid AS SchemaUid, created_at AS CreatedAt
        """;

    public const string ValueColumns = """
        run_id AS RunId, block_index AS BlockIndex, block_uid AS BlockUid, document_id AS DocumentId, project_id AS ProjectId,
        schema_ref AS SchemaRef, state AS State, value_json AS ValueJson, model_value_json AS ModelValueJson, edited AS Edited,
        edited_by AS EditedBy, edited_at AS EditedAt, confirmed_by AS ConfirmedBy, confirmed_at AS ConfirmedAt,
        observation_id AS ObservationId, entity_id AS EntityId, updated_at AS UpdatedAt
        """;

    public string InsertRun { get; init; } = """
        INSERT INTO block_runs (user_id, run_id, document_id, project_id, schema_ref, schema_version, schema_uid, created_at)
        VALUES (@UserId, @RunId, @DocumentId, @ProjectId, @SchemaRef, @SchemaVersion, @SchemaUid, @createdAt)
        """;

    public string GetRun { get; init; } = $"SELECT {RunColumns} FROM block_runs WHERE user_id = @UserId AND run_id = @runId";

    public string ListRuns { get; init; } = $"""
        SELECT {RunColumns} FROM block_runs
        WHERE user_id = @UserId AND (@documentId IS NULL OR document_id = @documentId)
            AND (@projectId IS NULL OR project_id = @projectId) AND (@schemaRef IS NULL OR schema_ref = @schemaRef)
        ORDER BY created_at, run_id
        """;

    /// <summary>A page of a document's or a project's runs (list_block_runs), in the order of <see cref="ListRuns"/>.</summary>
    public string ListRunsFilter { get; init; } = """
        WHERE user_id = @UserId AND (@documentId IS NULL OR document_id = @documentId) AND (@projectId IS NULL OR project_id = @projectId)
        """;

    public string ListRunsAfter { get; init; } = "AND created_at >= @afterKey AND (created_at > @afterKey OR run_id > @afterId)";

    public string ListRunsOrder { get; init; } = "ORDER BY created_at, run_id LIMIT @Limit + 0 OFFSET @Offset";

    /// <summary>The listed documents (list_block_runs with document_ids): a list bound as @documentIds.</summary>
    public string DocumentIn { get; init; } = "document_id IN @documentIds";

    /// <summary>The listed documents' runs, each numbered within its document, oldest first, by the database (a window
    /// function): the rows of <c>per_document</c>, which keeps each document's oldest N whatever the others have.</summary>
    public string NumberedDocumentRuns => $"""
        SELECT run_id, document_id, project_id, schema_ref, schema_version, schema_uid, created_at,
            ROW_NUMBER() OVER (PARTITION BY document_id ORDER BY created_at, run_id) AS place
        FROM block_runs WHERE user_id = @UserId AND {DocumentIn}
        """;

    /// <summary>Counts over the items of the chosen runs, each item's state taken from its value when it has one.</summary>
    private const string CountColumns = """
        COALESCE(SUM(CASE WHEN i.status = 'pending' THEN 1 ELSE 0 END), 0) AS Pending,
        COALESCE(SUM(CASE WHEN i.status = 'claimed' THEN 1 ELSE 0 END), 0) AS Claimed,
        COALESCE(SUM(CASE WHEN i.status = 'completed' AND v.state = 'staged' THEN 1 ELSE 0 END), 0) AS Staged,
        COALESCE(SUM(CASE WHEN i.status = 'completed' AND v.state = 'confirmed' THEN 1 ELSE 0 END), 0) AS Confirmed,
        COALESCE(SUM(CASE WHEN i.status = 'failed' THEN 1 ELSE 0 END), 0) AS Failed
        """;

    private const string CountFrom = """
        FROM block_runs r
        JOIN run_items i ON i.user_id = r.user_id AND i.run_id = r.run_id
        LEFT JOIN block_values v ON v.user_id = i.user_id AND v.run_id = i.run_id AND v.block_index = i.item_index
        """;

    public string CountRun { get; init; } = $"SELECT {CountColumns} {CountFrom} WHERE r.user_id = @UserId AND r.run_id = @id";

    public string CountDocument { get; init; } = $"SELECT {CountColumns} {CountFrom} WHERE r.user_id = @UserId AND r.document_id = @id";

    public string CountProject { get; init; } = $"SELECT {CountColumns} {CountFrom} WHERE r.user_id = @UserId AND r.project_id = @id";

    public string CountByDocument { get; init; } = $"""
        SELECT r.document_id AS DocumentId, COUNT(DISTINCT r.run_id) AS Runs, {CountColumns} {CountFrom}
        WHERE r.user_id = @UserId AND r.project_id = @id GROUP BY r.document_id ORDER BY r.document_id
        """;

    /// <summary>A new value, or the model's new answer for a value that is not confirmed.</summary>
    public string Stage { get; init; } = """
        INSERT INTO block_values (user_id, run_id, block_index, block_uid, document_id, project_id, schema_ref, state,
            value_json, model_value_json, edited, updated_at)
        VALUES (@UserId, @RunId, @BlockIndex, @BlockUid, @DocumentId, @ProjectId, @SchemaRef, 'staged', @ValueJson, @ModelValueJson,
            @edited, @updatedAt)
        ON CONFLICT (user_id, run_id, block_index) DO UPDATE SET state = 'staged', value_json = excluded.value_json,
            model_value_json = excluded.model_value_json, edited = excluded.edited, edited_by = NULL, edited_at = NULL,
            confirmed_by = NULL, confirmed_at = NULL, observation_id = NULL, entity_id = NULL, updated_at = excluded.updated_at
        WHERE block_values.state <> 'confirmed'
        """;

    public string GetValue { get; init; } =
        $"SELECT {ValueColumns} FROM block_values WHERE user_id = @UserId AND run_id = @runId AND block_index = @blockIndex";

    public string UpdateValue { get; init; } = """
        UPDATE block_values SET state = @State, value_json = @ValueJson, edited = @edited, edited_by = @EditedBy,
            edited_at = @editedAt, confirmed_by = @ConfirmedBy, confirmed_at = @confirmedAt, observation_id = @ObservationId,
            entity_id = @EntityId, updated_at = @updatedAt
        WHERE user_id = @UserId AND run_id = @RunId AND block_index = @BlockIndex AND state = @expectedState
        """;

    public string ListValues { get; init; } = $"""
        SELECT {ValueColumns} FROM block_values
        WHERE user_id = @UserId AND run_id = @runId AND block_index > @afterIndex AND (@state IS NULL OR state = @state)
        ORDER BY block_index LIMIT @limit + 0
        """;

    public string ReopenRun { get; init; } = """
        UPDATE runs SET status = 'pending', completed_at = NULL, error = NULL
        WHERE user_id = @UserId AND id = @runId AND status IN ('completed', 'failed')
        """;

    /// <summary>A claim is one statement: a row another caller claimed first no longer matches <c>status</c> when this
    /// one reaches it, so it is not returned twice. Pending items come in index order straight from
    /// <c>run_items_to_claim</c>; claims gone stale are taken back only when none is pending (<see cref="ReclaimItems"/>).</summary>
    public string ClaimItems { get; init; } = """
        UPDATE run_items SET status = 'claimed', attempts = attempts + 1, updated_at = @now
        WHERE user_id = @UserId AND run_id = @runId AND status = 'pending'
            AND item_index IN (SELECT item_index FROM run_items
                WHERE user_id = @UserId AND run_id = @runId AND status = 'pending'
                ORDER BY item_index LIMIT @limit + 0)
        RETURNING item_index
        """;

    public string ReclaimItems { get; init; } = """
        UPDATE run_items SET status = 'claimed', attempts = attempts + 1, updated_at = @now
        WHERE user_id = @UserId AND run_id = @runId AND status = 'claimed' AND updated_at < @staleBefore
            AND item_index IN (SELECT item_index FROM run_items
                WHERE user_id = @UserId AND run_id = @runId AND status = 'claimed' AND updated_at < @staleBefore
                ORDER BY item_index LIMIT @limit + 0)
        RETURNING item_index
        """;

    public string ReopenItems { get; init; } = """
        UPDATE run_items SET status = 'pending', error = NULL, updated_at = @now
        WHERE user_id = @UserId AND run_id = @runId AND status = @fromStatus AND (@blockIndex IS NULL OR item_index = @blockIndex)
        """;

    public string DeleteValues { get; init; } = "DELETE FROM block_values WHERE user_id = @UserId AND run_id = @runId";

    public string DeleteItems { get; init; } = "DELETE FROM run_items WHERE user_id = @UserId AND run_id = @runId";

    public string DeleteEvidence { get; init; } = "DELETE FROM observation_evidence WHERE user_id = @UserId AND run_id = @runId";

    public string DeleteFragments { get; init; } = "DELETE FROM raw_fragments WHERE user_id = @UserId AND run_id = @runId";

    /// <summary>Holds the block run against a concurrent delete until commit; null where the database has one writer at a time.</summary>
    public string? LockRun { get; init; }

    public string DeleteBlockRun { get; init; } = "DELETE FROM block_runs WHERE user_id = @UserId AND run_id = @runId";

    public string DeleteRun { get; init; } = "DELETE FROM runs WHERE user_id = @UserId AND id = @runId";

    public const string DocumentColumns = """
        id AS DocumentId, project_id AS ProjectId, source_id AS SourceId, status AS Status, block_count AS BlockCount
        """;

    public string GetDocument { get; init; } = $"SELECT {DocumentColumns} FROM documents WHERE user_id = @UserId AND id = @documentId";

    /// <summary>Which of the listed ids (@documentIds) are the user's documents.</summary>
    public string DocumentIdIn { get; init; } = "id IN @documentIds";

    public string FindDocumentIds => $"SELECT id FROM documents WHERE user_id = @UserId AND {DocumentIdIn}";

    public string ListDocuments { get; init; } =
        $"SELECT {DocumentColumns} FROM documents WHERE user_id = @UserId AND project_id = @projectId ORDER BY created_at, id";

    public string ProjectExists { get; init; } = "SELECT COUNT(*) FROM projects WHERE user_id = @UserId AND id = @projectId";

    public string ReadBlocks { get; init; } = """
        SELECT block_index AS BlockIndex, block_uid AS BlockUid, block_type AS BlockType, content AS Content,
            heading_path AS HeadingPath, locator AS Locator
        FROM document_blocks WHERE user_id = @UserId AND document_id = @documentId AND block_index BETWEEN @from AND @to
        ORDER BY block_index
        """;
}
