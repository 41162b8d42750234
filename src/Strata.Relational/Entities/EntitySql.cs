namespace Strata.Relational.Entities;

/// <summary>The SQL of entities, merges, snapshots and the timeline. The defaults are the text both databases accept; a
/// dialect overrides only what differs.</summary>
internal sealed record EntitySql
{
    /// <summary>The column of entities that names the row's user, and what the session's user is there: the user's id,
    /// or on SQLite since migration 0520 the user's rowid (found once per statement by the users' key).</summary>
    public (string Column, string Value) User { get; init; } = ("user_id", "@UserId");

    /// <summary>How a row's user is read back as its id from the user column named by the argument (SQLite since 0520:
    /// through the users' rowid).</summary>
    public Func<string, string> UserIdOf { get; init; } = column => column;

    /// <summary>The session user's entity rows (named <paramref name="e"/>, or unnamed).</summary>
    public string OfUser(string? e = null) => $"{(e is null ? "" : e + ".")}{User.Column} = {User.Value}";

    /// <summary>Read by position (<see cref="EntityRows.ReadEntity"/>), of the row named <paramref name="e"/> (or unnamed).</summary>
    public string ColumnsOf(string? e = null)
    {
        var p = e is null ? "" : e + ".";
        return $"{p}id, {UserIdOf(p + User.Column)}, {p}entity_type, {p}canonical_name, {p}merged_into, {p}merged_at, {p}created_at";
    }

    /// <summary>Read by position (<see cref="EntityRows.ReadSnapshot"/>); JSON columns as text.</summary>
    public string SnapshotColumns { get; init; } =
        "id, entity_type, canonical_name, fields_json, provenance_json, observation_count, updated_at, merged_into";

    /// <summary>Whether the entity row keeps a copy of its search text (<c>search_text</c>). PostgreSQL's trigram index is
    /// built on that column; SQLite since migration 0530 keeps only its full-text indexes, written from the same text as
    /// the row is (<see cref="SearchInsert"/>), and computes the text again where a hit is checked. Where it is not kept,
    /// the statements below leave the column out and the @searchText parameters are bound but not read.</summary>
    public bool KeepsSearchText { get; init; } = true;

    private string SearchTextColumn => KeepsSearchText ? "search_text, " : "";

    private string SearchTextValue(string suffix) => KeepsSearchText ? "@searchText" + suffix + ", " : "";

    public string Get => _get ??= $"SELECT {ColumnsOf()} FROM entities WHERE {OfUser()} AND id = @entityId";

    /// <summary>The entities among @entityIds, a list as <see cref="SqlDialect.TextList"/> writes it.</summary>
    public string GetMany
    {
        get => _getMany ??= $"SELECT {ColumnsOf()} FROM entities WHERE {OfUser()} AND id = ANY(@entityIds)";
        init => _getMany = value;
    }

    public string Insert => _insert ??= $"""
        INSERT INTO entities (id, {User.Column}, entity_type, canonical_name, created_at, updated_at)
        VALUES (@Id, {User.Value}, @EntityType, @CanonicalName, @createdAt, @createdAt)
        ON CONFLICT (id) DO NOTHING
        """;

    public string InsertWithSnapshot
    {
        get => _insertWithSnapshot ??= $"""
        INSERT INTO entities (id, {User.Column}, entity_type, canonical_name, created_at, fields_json, provenance_json, observation_count,
            updated_at, {SearchTextColumn}memory_text, memory_name, memory_state)
        VALUES (@Id, {User.Value}, @EntityType, @CanonicalName, @createdAt, @fieldsJson, @provenanceJson, @ObservationCount, @updatedAt,
            {SearchTextValue("")}@memoryText, @memoryName, @memoryState)
        ON CONFLICT (id) DO NOTHING
        """;
        init => _insertWithSnapshot = value;
    }

    private string? _get;
    private string? _getMany;
    private string? _insert;
    private string? _insertWithSnapshot;

    /// <summary>Many new entities in one statement (<see cref="RowBatches"/>): the head, one row per entity (parameters
    /// <see cref="InsertManyColumns"/> suffixed by the row's number), and the tail, which returns the id (and, where the
    /// search index is kept apart, the row key) of each row inserted.</summary>
    public string InsertManyHead => _insertManyHead ??= $"""
        INSERT INTO entities (id, {User.Column}, entity_type, canonical_name, created_at, fields_json, provenance_json, observation_count,
            updated_at, {SearchTextColumn}memory_text, memory_name, memory_state) VALUES
        """;

    /// <inheritdoc cref="InsertManyHead"/>
    public string InsertManyRow
    {
        get => _insertManyRow ??=
        "(@Id{n}, " + User.Value + ", @EntityType{n}, @CanonicalName{n}, @createdAt{n}, @fieldsJson{n}, @provenanceJson{n}, @ObservationCount{n}, @updatedAt{n}, " + SearchTextValue("{n}") + "@memoryText{n}, @memoryName{n}, @memoryState{n})";
        init => _insertManyRow = value;
    }

    private string? _insertManyHead;
    private string? _insertManyRow;

    /// <inheritdoc cref="InsertManyHead"/>
    public string InsertManyTail { get; init; } = "ON CONFLICT (id) DO NOTHING RETURNING id";

    /// <summary>The per-row parameters of <see cref="InsertManyRow"/>, in binding order.</summary>
    public static readonly string[] InsertManyColumns =
        ["Id", "EntityType", "CanonicalName", "createdAt", "fieldsJson", "provenanceJson", "ObservationCount", "updatedAt", "searchText", "memoryText", "memoryName", "memoryState"];

    /// <summary>Holds @entityIds against other writers until commit; null where the database has one writer at a time.</summary>
    public string? Lock { get; init; }

    /// <summary>As <see cref="Lock"/>, and also against writers adding observations (which hold a key share of their
    /// entity until commit): taken by a delete before it asks whether an entity is still observed.</summary>
    public string? LockForRemoval { get; init; }

    public string MarkMerged => _markMerged ??=
        $"UPDATE entities SET merged_into = @toEntityId, merged_at = @mergedAt WHERE {OfUser()} AND id = @fromEntityId";

    private string? _markMerged;

    public string InsertMerge { get; init; } = """
        INSERT INTO merges (id, user_id, from_entity_id, to_entity_id, reason, observations_moved, merged_at)
        VALUES (@Id, @UserId, @FromEntityId, @ToEntityId, @Reason, @ObservationsMoved, @mergedAt)
        """;

    public string ListMerges { get; init; } = """
        SELECT id, user_id, from_entity_id, to_entity_id, reason, observations_moved, merged_at
        FROM merges WHERE user_id = @UserId AND (to_entity_id = @entityId OR from_entity_id = @entityId) ORDER BY merged_at
        """;

    public string GetSnapshot => _getSnapshot ??= $"""
        SELECT id, entity_type, canonical_name, fields_json, provenance_json, observation_count, updated_at, merged_into
        FROM entities WHERE {OfUser()} AND id = @entityId
        """;

    private string? _getSnapshot;

    /// <summary>The snapshots of the entities among @entityIds (a list as <see cref="SqlDialect.TextList"/> writes it).</summary>
    public string GetSnapshots { get; init; } = """
        SELECT id, entity_type, canonical_name, fields_json, provenance_json, observation_count, updated_at, merged_into
        FROM entities WHERE user_id = @UserId AND id = ANY(@entityIds)
        """;

    /// <summary>Returns the row's key in the search index where the database keeps one apart (<see cref="UpdateSnapshotReturns"/>).</summary>
    public string UpdateSnapshot
    {
        get => _updateSnapshot ??= $"""
        UPDATE entities SET fields_json = @fieldsJson, provenance_json = @provenanceJson, observation_count = @ObservationCount,
            updated_at = @updatedAt, {(KeepsSearchText ? "search_text = @searchText, " : "")}memory_text = @memoryText, memory_name = @memoryName, memory_state = @memoryState
        WHERE {OfUser()} AND id = @EntityId{UpdateSnapshotReturns}
        """;
        init => _updateSnapshot = value;
    }

    /// <summary>What <see cref="UpdateSnapshot"/> returns: the row's key in a search index kept apart (else nothing).</summary>
    public string UpdateSnapshotReturns { get; init; } = "";

    private string? _updateSnapshot;

    /// <summary>One row per <c>memory_entity</c> not merged: its id and the text <c>search_nodes</c> chooses it by.</summary>
    public string MemoryTexts =>
        $"SELECT id, memory_text FROM entities WHERE {OfUser()} AND entity_type = 'memory_entity' AND merged_into IS NULL";

    /// <summary>One row per <c>memory_entity</c> not merged: its id, the text <c>search_nodes</c> chooses it by and its kept
    /// profile state (what <see cref="Strata.Core.MemoryServer.MemorySearchIndex"/> keeps in memory).</summary>
    public string MemoryRows => _memoryRows ??=
        $"SELECT id, memory_text, memory_state, memory_name FROM entities WHERE {OfUser()} AND entity_type = 'memory_entity' AND merged_into IS NULL";

    private string? _memoryRows;

    /// <summary>The user's generation of those rows (migration 0370): a sum of the few rows kept per user.</summary>
    public string MemoryGeneration { get; init; } = "SELECT COALESCE(SUM(generation), 0) FROM memory_generations WHERE user_id = @UserId";

    /// <summary>What names each entity among @entityIds as a relation's end in the profile: its kept name, else its fields.</summary>
    public string MemoryNames { get; init; } =
        "SELECT id, memory_name, CASE WHEN memory_name IS NULL THEN fields_json END FROM entities WHERE user_id = @UserId AND id = ANY(@entityIds)";

    /// <summary>The kept profile state of the entities among @entityIds (a list as <see cref="SqlDialect.TextList"/> writes it).</summary>
    public string MemoryStates { get; init; } = "SELECT id, memory_state FROM entities WHERE user_id = @UserId AND id = ANY(@entityIds)";

    /// <summary>The search indexes kept apart from the entities table (by the row key @rowId; one statement may hold one
    /// per index); null where search reads the entity's own search_text.</summary>
    public string? SearchDelete { get; init; }

    /// <inheritdoc cref="SearchDelete"/>
    public string? SearchInsert { get; init; }

    /// <summary>Many rows of each search index kept apart, one statement per index (none where there is none).</summary>
    public IReadOnlyList<string> SearchInsertManyHeads { get; init; } = [];

    /// <inheritdoc cref="SearchInsertManyHeads"/>
    public string SearchInsertManyRow { get; init; } = "(@rowId{n}, @searchText{n})";

    public static readonly string[] SearchInsertManyColumns = ["rowId", "searchText"];

    public string InsertTimelineManyHead { get; init; } =
        "INSERT INTO timeline_events (user_id, entity_id, entity_type, canonical_name, label, field, date) VALUES";

    public string InsertTimelineManyRow { get; init; } =
        "(@UserId, @EntityId{n}, @EntityType{n}, @CanonicalName{n}, @Label{n}, @Field{n}, @Date{n})";

    public static readonly string[] InsertTimelineManyColumns = ["EntityId", "EntityType", "CanonicalName", "Label", "Field", "Date"];

    public string DeleteTimeline { get; init; } = "DELETE FROM timeline_events WHERE user_id = @UserId AND entity_id = @EntityId";

    public string InsertTimeline { get; init; } = """
        INSERT INTO timeline_events (user_id, entity_id, entity_type, canonical_name, label, field, date)
        VALUES (@UserId, @EntityId, @EntityType, @CanonicalName, @Label, @Field, @Date)
        """;

    /// <summary>The filter of a timeline page and its count; a missing bound is a null parameter (CAST gives both
    /// databases its type).</summary>
    private const string TimelineWhere = """
        WHERE user_id = @UserId AND (CAST(@From AS TEXT) IS NULL OR date >= @From)
          AND (CAST(@toExclusive AS TEXT) IS NULL OR date < @toExclusive)
          AND (CAST(@EntityType AS TEXT) IS NULL OR entity_type = @EntityType)
        """;

    /// <summary>A page; <c>/*after*/</c> is replaced by <see cref="TimelineAfter"/> past the first page.</summary>
    public string TimelinePage { get; init; } = $"""
        SELECT entity_id AS EntityId, entity_type AS EntityType, canonical_name AS CanonicalName, label AS Label, field AS Field, date AS Date
        FROM timeline_events {TimelineWhere} /*after*/ ORDER BY date, entity_id, field LIMIT @Limit + 0 OFFSET @Offset
        """;

    /// <summary>After the cursor's event in the list's order (the date bound first, so the date index starts the range).</summary>
    public const string TimelineAfter = """
        AND date >= @afterDate AND (date > @afterDate OR entity_id > @afterEntity OR (entity_id = @afterEntity AND field > @afterField))
        """;

    public string TimelineCount { get; init; } = $"SELECT COUNT(*) FROM timeline_events {TimelineWhere}";

    /// <summary>Appended to a "to" day to make it an exclusive bound after every time on that day: "~" sorts after digits,
    /// "T" and a space in PostgreSQL's collation; SQLite compares code points, where the last BMP character does.</summary>
    public string TimelineDayEnd { get; init; } = "~";

    /// <summary>The row key of an entity's entry in a search index kept apart (null where there is none).</summary>
    public string? SearchRowKey { get; init; }

    /// <summary>Whether the entity was split: observations first written to it may then be on another entity.</summary>
    public string SplitFrom { get; init; } =
        "SELECT COUNT(*) FROM entity_splits WHERE user_id = @UserId AND from_entity_id = @entityId";

    /// <summary>How a statement names the entities in @entityIds, a list as <see cref="SqlDialect.TextList"/> writes it.</summary>
    public string InEntityIds { get; init; } = "= ANY(@entityIds)";

    /// <summary>What refers to the entities in @entityIds by id, deleted with them (before <see cref="DeleteEntities"/>):
    /// one statement per table for a whole delete, as most of these tables are not indexed by every column that names an entity. Their
    /// identity keys and search entries go first, one by one (by row key on SQLite). Raw fragments and block values are
    /// not here: each comes with an observation of the same run on (or first written to) its entity, so an entity with
    /// none has none left. Their relations go last (<see cref="Relations.RelationSql.DeleteTouching"/>).</summary>
    public IReadOnlyList<string> DeleteReferences => _deleteReferences ??=
    [
        $"DELETE FROM timeline_events WHERE user_id = @UserId AND entity_id {InEntityIds}",
        $"DELETE FROM duplicate_candidates WHERE user_id = @UserId AND (entity_a {InEntityIds} OR entity_b {InEntityIds})",
        DeleteBlockingKeys ?? Duplicates.DuplicateSql.ForgetKeysOf(InEntityIds),
        $"DELETE FROM merges WHERE user_id = @UserId AND (from_entity_id {InEntityIds} OR to_entity_id {InEntityIds})",
        $"DELETE FROM entity_splits WHERE user_id = @UserId AND (from_entity_id {InEntityIds} OR to_entity_id {InEntityIds})",
    ];

    /// <summary>The deleted entities' blocking keys and their markers, where the tables do not name them by id (SQLite, by
    /// rowid; else null: <see cref="Duplicates.DuplicateSql.ForgetKeysOf"/>).</summary>
    public string? DeleteBlockingKeys { get; init; }

    public string DeleteEntities => _deleteEntities ??= $"DELETE FROM entities WHERE {OfUser()} AND id {InEntityIds}";

    private IReadOnlyList<string>? _deleteReferences;
    private string? _deleteEntities;

    /// <summary>Most recently updated first; after a cursor, the rows past (updated_at, id). The redundant
    /// <c>updated_at &lt;=</c> gives the index a range to start from.</summary>
    public string ListAfter { get; init; } = "AND updated_at <= @afterKey AND (updated_at < @afterKey OR id > @afterId)";

    public string ListOrder { get; init; } = "ORDER BY updated_at DESC, id LIMIT @Limit + 0 OFFSET @Offset";
}
