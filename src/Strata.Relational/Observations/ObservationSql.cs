using Strata.Relational.Runs;

namespace Strata.Relational.Observations;

/// <summary>The SQL of observations and raw fragments. The defaults are the text both databases accept; a dialect
/// overrides only what differs (how an entity's observations are found, JSON parameters).</summary>
internal sealed record ObservationSql
{
    /// <summary>The column of observations that names the row's user, and what the session's user is there: the user's
    /// id, or on SQLite since migration 0510 the user's rowid (found once per statement by the users' key).</summary>
    public (string Column, string Value) User { get; init; } = ("user_id", "@UserId");

    /// <summary>How a row's user is read back as its id, from the column of the row named by the argument (SQLite
    /// since 0510: through the users' rowid).</summary>
    public Func<string, string> UserIdOf { get; init; } = column => column;

    /// <summary>How a row names its run: by id, or on SQLite since migration 0550 by the run's number.</summary>
    public RunLink Run { get; init; } = RunLink.ById;

    /// <summary>The session user's observation rows (named <paramref name="o"/>, or unnamed).</summary>
    public string OfUser(string? o = null) => $"{(o is null ? "" : o + ".")}{User.Column} = {User.Value}";

    /// <summary>Read by position (<see cref="ObservationStore"/>).</summary>
    public string Columns => _columns ??= ColumnsOf("observations");

    /// <summary>The columns of <see cref="Columns"/> of the row named <paramref name="o"/>, its fields read through
    /// <see cref="FieldsOf"/> and its user through <see cref="UserIdOf"/>. Since migration 0310 (both databases) a row
    /// leaves out its source where its run names the same one: read back through the run.</summary>
    public string ColumnsOf(string o) => ColumnsOf(o, User.Column, UserIdOf, FieldsOf, Run);

    /// <inheritdoc cref="ColumnsOf(string)"/>
    public static string ColumnsOf(string o, string userColumn, Func<string, string> userIdOf, Func<string, string> fieldsOf, RunLink run) =>
        $"{o}.id, {userIdOf($"{o}.{userColumn}")}, {o}.entity_id, {SourceOf(o, run)}, {run.IdOf(o)}, {o}.kind, {o}.locator, {o}.priority, " +
        $"{o}.state, {fieldsOf(o)}, {o}.reason, {o}.observed_at, {CreatedOf(o)}, {o}.seq";

    /// <summary>When the observation row named <paramref name="o"/> (or the statement's only table, when null) was
    /// written. SQLite's rows leave it out (NULL) where it equals the observed time (migration 0550); PostgreSQL's keep it.</summary>
    public static string CreatedOf(string? o = null)
    {
        var prefix = o is null ? "" : o + ".";
        return $"coalesce({prefix}created_at, {prefix}observed_at)";
    }

    /// <summary>The fields of the observation row named by its argument as the row keeps them; SQLite's since migration
    /// 0450 is '' where they are its entity's snapshot, text for text, and read from the entity row.</summary>
    public Func<string, string> FieldsOf { get; init; } = o => $"{o}.fields_json";

    private string? _columns;

    /// <summary>The entity the observation row named <paramref name="o"/> (or the statement's only table, when null) was
    /// first written to. Since migration 0460 (both databases) a row keeps '' there while it is still on that entity, which
    /// is nearly always (only a merge, a split or an unmerge moves an observation): the triggers of 0460 write the old
    /// entity in when a row moves (in the moving statement) and '' again when it comes back.</summary>
    public static string OriginalOf(string? o = null)
    {
        var prefix = o is null ? "" : o + ".";
        return $"coalesce(nullif({prefix}original_entity_id, ''), {prefix}entity_id)";
    }

    /// <summary>The original entity as a row keeps it (<see cref="OriginalOf"/>), from the parameters <paramref name="original"/>
    /// and <paramref name="entity"/>.</summary>
    public static string LeanOriginal(string original, string entity) =>
        $"CASE WHEN CAST({original} AS TEXT) = CAST({entity} AS TEXT) THEN '' ELSE {original} END";

    /// <summary>The source of the observation row named <paramref name="o"/> (<see cref="LeanSource"/>), whose run is
    /// named as <paramref name="run"/> says.</summary>
    public static string SourceOf(string o, RunLink run) =>
        $"CASE WHEN {o}.source_id IS NULL THEN {run.SourceOfRun(o)} ELSE nullif({o}.source_id, '') END";

    /// <summary>The source as a row keeps it (migration 0310), from the parameters <paramref name="source"/> and
    /// <paramref name="run"/>: NULL when it is the run's source, '' for none where the run names one, else the id, so
    /// <see cref="SourceOf"/> reads back exactly what was written. Runs outlive their observations (forgetting deletes
    /// a run's observations first), so the run is there to read it from.</summary>
    public static string LeanSource(string source, string run) =>
        $"CASE WHEN CAST({source} AS TEXT) IS NOT DISTINCT FROM (SELECT source_id FROM runs WHERE id = CAST({run} AS TEXT)) " +
        $"THEN NULL ELSE coalesce(CAST({source} AS TEXT), '') END";

    public string Insert { get; init; } = $"""
        INSERT INTO observations (id, user_id, entity_id, original_entity_id, source_id, run_id, kind, locator, priority, state,
            fields_json, reason, observed_at, created_at)
        VALUES (@Id, @UserId, @EntityId, '', {LeanSource("@SourceId", "@RunId")}, @RunId, @Kind, @Locator, @Priority, @State,
            @fieldsJson, @Reason, @observedAt, @createdAt)
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>Many observations in one statement (<see cref="RowBatches"/>): head, one row per observation (parameters
    /// <see cref="InsertManyColumns"/> suffixed by the row's number), tail returning the id of each row inserted.</summary>
    public string InsertManyHead { get; init; } = """
        INSERT INTO observations (id, user_id, entity_id, original_entity_id, source_id, run_id, kind, locator, priority, state,
            fields_json, reason, observed_at, created_at) VALUES
        """;

    /// <inheritdoc cref="InsertManyHead"/>
    public string InsertManyRow { get; init; } = $$"""
        (@Id{n}, @UserId, @EntityId{n}, '', {{LeanSource("@SourceId{n}", "@RunId{n}")}}, @RunId{n}, @Kind{n}, @Locator{n}, @Priority{n},
            @State{n}, @fieldsJson{n}, @Reason{n}, @observedAt{n}, @createdAt{n})
        """;

    /// <inheritdoc cref="InsertManyHead"/>
    public string InsertManyTail { get; init; } = "ON CONFLICT (id) DO NOTHING RETURNING id";

    /// <summary>The per-row parameters of <see cref="InsertManyRow"/>, in binding order.</summary>
    public static readonly string[] InsertManyColumns =
        ["Id", "EntityId", "SourceId", "RunId", "Kind", "Locator", "Priority", "State", "fieldsJson", "Reason", "observedAt", "createdAt"];

    public string Get => _get ??= $"SELECT {Columns} FROM observations WHERE {OfUser()} AND id = @observationId";

    /// <summary>The observations among @observationIds, a list as <see cref="SqlDialect.TextList"/> writes it.</summary>
    public string GetMany
    {
        get => _getMany ??= $"SELECT {Columns} FROM observations WHERE {OfUser()} AND id = ANY(@observationIds)";
        init => _getMany = value;
    }

    private string? _get;
    private string? _getMany;

    /// <summary>The condition that finds the observations of @entityId.</summary>
    public string OfEntity { get; init; } = "user_id = @UserId AND entity_id = @entityId";

    /// <summary>How many observations are on the entity (through its index).</summary>
    public string CountForEntity => _countForEntity ??= $"SELECT COUNT(*) FROM observations WHERE {OfEntity}";

    public string ListForEntity => _listForEntity ??= $"SELECT {Columns} FROM observations WHERE {OfEntity} ORDER BY seq";

    public string ListForEntityAsOf => _listForEntityAsOf ??=
        $"SELECT {Columns} FROM observations WHERE {OfEntity} AND {CreatedOf()} <= @asOf ORDER BY seq";

    /// <summary>The observations of the entities in @entityIds (a list as <see cref="SqlDialect.TextList"/> writes it).</summary>
    public string OfEntities { get; init; } = "user_id = @UserId AND entity_id = ANY(@entityIds)";

    /// <summary>Ordered by seq, so each entity's come in creation order.</summary>
    public string ListForEntities => _listForEntities ??= $"SELECT {Columns} FROM observations WHERE {OfEntities} ORDER BY seq";

    public string ListForEntitiesAsOf => _listForEntitiesAsOf ??=
        $"SELECT {Columns} FROM observations WHERE {OfEntities} AND {CreatedOf()} <= @asOf ORDER BY seq";

    /// <summary><see cref="ListForEntities"/> as the schema of migration 0350 reads it, for its fill
    /// (<see cref="Entities.MemoryStateBackfill"/>), which runs before the later migrations; null where it is the same.
    /// (SQLite's observations named their user by id until 0510.)</summary>
    public string? ListForEntitiesAtMigration350 { get; init; }

    private string? _listForEntities;
    private string? _listForEntitiesAsOf;
    private string? _listForEntity;
    private string? _listForEntityAsOf;
    private string? _countForEntity;

    public string Move { get; init; } =
        "UPDATE observations SET entity_id = @toEntityId WHERE user_id = @UserId AND entity_id = @entityId";

    public string InsertFragment { get; init; } = """
        INSERT INTO raw_fragments (id, user_id, source_id, run_id, entity_id, field, value_json, reason, created_at)
        VALUES (@Id, @UserId, @SourceId, @RunId, @EntityId, @Field, @valueJson, @Reason, @createdAt)
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>In the order they were written.</summary>
    public string ListFragments { get; init; } = """
        SELECT id, user_id, source_id, run_id, entity_id, field, value_json, reason, created_at
        FROM raw_fragments WHERE user_id = @UserId AND run_id = @runId ORDER BY created_at, id
        """;

    /// <summary>Each entity with the first observation the run gave it, in the order the run wrote them.</summary>
    public string EntitiesOfRun => $"""
        SELECT {OriginalOf("o")} AS original_entity_id, e.entity_type, o.id
        FROM observations o JOIN entities e ON e.id = {OriginalOf("o")}
        WHERE {OfUser("o")} AND {Run.IsRun("@runId", "o")}
          AND o.seq IN (SELECT MIN(seq) FROM observations WHERE {OfUser()} AND {Run.IsRun("@runId")} GROUP BY {OriginalOf()})
        ORDER BY o.seq
        LIMIT @limit + 0
        """;

    public string EntitiesOfRunCount =>
        $"SELECT COUNT(DISTINCT {OriginalOf()}) FROM observations WHERE {OfUser()} AND {Run.IsRun("@runId")}";

    /// <summary>The session user's observations of @runId (forgetting a run, <see cref="Deletions.ForgettingSql"/>).</summary>
    public string OfRun => $"{Run.IsRun("@runId")} AND {OfUser()}";

    /// <summary>The session user's observation @observationId (forgetting one).</summary>
    public string OfId => $"id = @observationId AND {OfUser()}";

    /// <summary>Re-running a run: its observations deleted, each one's entity and first entity returned.</summary>
    public string DeleteOfRun =>
        $"DELETE FROM observations WHERE {OfUser()} AND {Run.IsRun("@runId")} RETURNING entity_id, {OriginalOf()} AS original_entity_id";

    /// <summary>Whether any observation was first written to @entityId, wherever it is now. No index leads there, so it
    /// is asked only of entities that were merged or split (<see cref="Entities.EntitySql.SplitFrom"/>), the only way
    /// observations leave.</summary>
    public string FirstWrittenToCount =>
        $"SELECT COUNT(*) FROM (SELECT 1 FROM observations WHERE {OfUser()} AND {OriginalOf()} = @entityId LIMIT 1) o";

    /// <summary>Forgetting the entity an observation was first written to: the moved rows name where they are now.</summary>
    public string ForgetFirstWriter => $"""
        UPDATE observations SET original_entity_id = ''
        WHERE {OfUser()} AND original_entity_id = @entityId AND entity_id <> @entityId
        """;

    /// <summary>Whether @runId left an observation on @entityId.</summary>
    public string RunObservedEntity =>
        $"SELECT 1 FROM observations WHERE {OfUser()} AND {Run.IsRun("@runId")} AND entity_id = @entityId";
}
