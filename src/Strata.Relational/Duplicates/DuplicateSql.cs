namespace Strata.Relational.Duplicates;

/// <summary>The duplicate tables' SQL (candidate pairs and blocking keys). The defaults are the text both databases
/// accept; a dialect overrides only what differs.</summary>
internal sealed record DuplicateSql
{
    /// <summary>Pairs whose entities still stand on their own: once merged, a pair is no longer a question.</summary>
    public const string Visible = """
        FROM duplicate_candidates d
        JOIN entities a ON a.id = d.entity_a AND a.merged_into IS NULL
        JOIN entities b ON b.id = d.entity_b AND b.merged_into IS NULL
        WHERE d.user_id = @UserId
        """;

    public const string CandidateColumns = """
        d.entity_type AS EntityType, d.entity_a AS EntityA, a.canonical_name AS NameA, d.entity_b AS EntityB, b.canonical_name AS NameB,
        d.score AS Score, d.status AS Status, d.detected_at AS DetectedAt, d.dismissed_at AS DismissedAt, d.reasons_json AS ReasonsJson
        """;

    /// <summary>The session user's entity rows <c>e</c> (<see cref="Entities.EntitySql.User"/>).</summary>
    public string EntitiesOfUser { get; init; } = "e.user_id = @UserId";

    /// <summary>The snapshot's fields as JSON text (PostgreSQL keeps them as jsonb).</summary>
    public string FieldsAsText { get; init; } = "e.fields_json";

    private string EntityColumns =>
        $"e.id AS Id, e.entity_type AS EntityType, e.canonical_name AS CanonicalName, {FieldsAsText} AS FieldsJson, e.updated_at AS UpdatedAt, e.observation_count AS ObservationCount";

    /// <summary>Changed since the keys were written: no marker (<see cref="MarkerOfEntity"/>), or one of another snapshot (a write
    /// in the same clock tick still adds an observation).</summary>
    public string Changed => $"""
        SELECT {EntityColumns}
        FROM entities e
        LEFT JOIN {MarkerOfEntity}
        WHERE {EntitiesOfUser} AND e.entity_type = @entityType AND e.merged_into IS NULL
          AND (e.updated_at > @afterAt OR (e.updated_at = @afterAt AND e.id > @afterId))
          AND (k.snapshot_at IS NULL OR k.snapshot_at <> e.updated_at OR k.observations <> e.observation_count)
        ORDER BY e.updated_at, e.id LIMIT @limit + 0
        """;

    /// <summary>The newest snapshot ever keyed of the user's @entityType (a watermark the marker's insert raises).</summary>
    public string KeyedUpTo { get; init; } =
        "SELECT snapshot_at FROM duplicate_keyed_up_to WHERE user_id = @UserId AND entity_type = @entityType";

    /// <summary>The latest <c>@perKey</c> members of each key.</summary>
    public string Blocks => $"""
        SELECT BlockKey, CandidateId FROM (
            SELECT k.block_key AS BlockKey, {KeyEntityId} AS CandidateId,
                   ROW_NUMBER() OVER (PARTITION BY k.block_key ORDER BY {KeySnapshotAt} DESC, {KeyEntityId}) AS member
            FROM {KeysOfType} AND {KeyIn}
        ) ranked WHERE member <= @perKey
        """;

    /// <summary>The marker row <c>k</c> of the entity row <c>e</c> (a table and its join condition): the snapshot and
    /// observation count the entity's keys were made from, and the keys (PostgreSQL migration 0510, SQLite 0540).</summary>
    public string MarkerOfEntity { get; init; } = "duplicate_keyed k ON k.user_id = e.user_id AND k.entity_id = e.id";

    /// <summary>How recent a key row <c>k</c>'s member is: the snapshot its keys were made from (SQLite reads the
    /// member's updated_at, the same until the entity changes and is keyed again: migration 0540).</summary>
    public string KeySnapshotAt { get; init; } = "k.snapshot_at";

    /// <summary>The session user's key rows <c>k</c> of @entityType (a FROM and WHERE to extend with AND), and the id of
    /// each row's entity (<see cref="KeyEntityId"/>).</summary>
    public string KeysOfType { get; init; } = "duplicate_blocking_keys k WHERE k.user_id = @UserId AND k.entity_type = @entityType";

    /// <inheritdoc cref="KeysOfType"/>
    public string KeyEntityId { get; init; } = "k.entity_id";

    /// <summary>Sorted neighbourhood: the next keys after <c>@key</c> among keys that start <c>s:</c>.</summary>
    public string NextNeighbours { get; init; } = """
        SELECT entity_id FROM duplicate_blocking_keys
        WHERE user_id = @UserId AND entity_type = @entityType AND block_key > @key AND block_key < 's;'
        ORDER BY block_key LIMIT @neighbours + 0
        """;

    public string PreviousNeighbours { get; init; } = """
        SELECT entity_id FROM duplicate_blocking_keys
        WHERE user_id = @UserId AND entity_type = @entityType AND block_key < @key AND block_key >= 's:'
        ORDER BY block_key DESC LIMIT @neighbours + 0
        """;

    public string Comparable =>
        $"SELECT {EntityColumns} FROM entities e WHERE {EntitiesOfUser} AND {IdIn} AND e.merged_into IS NULL";

    /// <summary>Membership in the <c>@keys</c> list (Dapper expands a list; Npgsql takes an array).</summary>
    public string KeyIn { get; init; } = "block_key IN @keys";

    /// <summary>Membership in the <c>@ids</c> list.</summary>
    public string IdIn { get; init; } = "e.id IN @ids";

    /// <summary>The entity's keys, found by their primary key from the list its marker keeps, and the marker.</summary>
    public string DeleteKeys { get; init; } = ForgetKeysOf("= @entityId");

    /// <summary>Deletes the blocking keys and the markers of the user's entities <paramref name="ids"/> names (<c>= …</c>
    /// or <c>= ANY(…)</c>): each key by its primary key, from the list its marker keeps (PostgreSQL migration 0510).</summary>
    public static string ForgetKeysOf(string ids) => $"""
        DELETE FROM duplicate_blocking_keys k USING duplicate_keyed m, unnest(m.keys) AS listed(key)
        WHERE m.user_id = @UserId AND m.entity_id {ids}
          AND k.user_id = m.user_id AND k.entity_type = m.entity_type AND k.block_key = listed.key AND k.entity_id = m.entity_id;
        DELETE FROM duplicate_keyed WHERE user_id = @UserId AND entity_id {ids}
        """;

    /// <summary>Two scans (a worker's and a user's) may key one entity at once: the later one's snapshot stands.</summary>
    public string InsertKey { get; init; } = """
        INSERT INTO duplicate_blocking_keys (user_id, entity_type, block_key, entity_id, snapshot_at)
        VALUES (@UserId, @entityType, @key, @entityId, @snapshotAt)
        ON CONFLICT (user_id, entity_type, block_key, entity_id) DO UPDATE SET snapshot_at = excluded.snapshot_at
        """;

    /// <summary>After an entity's keys (<see cref="InsertKey"/>): its marker, which says which snapshot they came from so an
    /// unchanged entity is not keyed again, and lists them (@keys, a JSON array) to find them again when they are
    /// replaced; and the user's watermark of the newest snapshot keyed. Two scans keying one entity at once (the marker
    /// deleted by neither yet) list the keys of both, so none is left unlisted.</summary>
    public string InsertMarker { get; init; } = """
        INSERT INTO duplicate_keyed (user_id, entity_id, entity_type, snapshot_at, observations, keys)
        VALUES (@UserId, @entityId, @entityType, @snapshotAt, @observations, ARRAY(SELECT jsonb_array_elements_text(@keys::jsonb)))
        ON CONFLICT (user_id, entity_id) DO UPDATE SET entity_type = excluded.entity_type, snapshot_at = excluded.snapshot_at,
            observations = excluded.observations,
            keys = ARRAY(SELECT DISTINCT listed FROM unnest(duplicate_keyed.keys || excluded.keys) AS listed ORDER BY listed);
        INSERT INTO duplicate_keyed_up_to (user_id, entity_type, snapshot_at) VALUES (@UserId, @entityType, @snapshotAt)
        ON CONFLICT (user_id, entity_type) DO UPDATE SET snapshot_at = excluded.snapshot_at
        WHERE duplicate_keyed_up_to.snapshot_at < excluded.snapshot_at
        """;

    public string InsertPair { get; init; } = """
        INSERT INTO duplicate_candidates (user_id, entity_type, entity_a, entity_b, score, status, detected_at, reasons_json)
        VALUES (@UserId, @EntityType, @EntityA, @EntityB, @Score, 'pending', @detectedAt, @ReasonsJson)
        ON CONFLICT (user_id, entity_a, entity_b) DO NOTHING
        """;

    public string UpdatePair { get; init; } = """
        UPDATE duplicate_candidates SET score = @Score, reasons_json = @ReasonsJson
        WHERE user_id = @UserId AND entity_a = @EntityA AND entity_b = @EntityB
        """;

    /// <summary>The filter of a listing. PostgreSQL cannot infer the type of a parameter that is only compared with NULL.</summary>
    public string ListFilter { get; init; } =
        $"{Visible} AND (@entityType IS NULL OR d.entity_type = @entityType) AND (@includeDismissed OR d.status = 'pending')";

    /// <summary>After the cursor's pair in the list's order: a lower score, or the same score and a later pair.</summary>
    public const string ListAfter = """
        AND (d.score < @afterScore OR (d.score = @afterScore AND (d.entity_a > @afterA OR (d.entity_a = @afterA AND d.entity_b > @afterB))))
        """;

    public string Dismiss { get; init; } = """
        UPDATE duplicate_candidates SET status = 'dismissed', dismissed_at = COALESCE(dismissed_at, @dismissedAt)
        WHERE user_id = @UserId AND entity_a = @entityA AND entity_b = @entityB
        """;
}
