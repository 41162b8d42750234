namespace Strata.Relational.Archive;

/// <summary>The archive's SQL: what both databases share, with PostgreSQL's catalogue and casts as the defaults; SQLite
/// overrides the catalogue and the casts. Identity keys travel as (key_hash as hex, entity_id, entity_type) from both
/// databases' compact tables (SQLite 0032, PostgreSQL 0300).</summary>
internal sealed record ArchiveSql
{
    /// <summary>A table's columns and their types, in table order.</summary>
    public string Columns { get; init; } = """
        SELECT column_name, data_type FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position
        """;

    /// <summary>A value parameter as the column's type: every value travels as text and the database converts it
    /// (a time's fixed-width UTC text, a number, "true"). Null where the database takes the text as it comes.</summary>
    public string? Cast { get; init; } = "CAST({0} AS {1})";

    /// <summary>The cast of a time column. PostgreSQL keeps microseconds and ROUNDS a seventh fractional digit when it
    /// parses text (through a floating-point step, so a ...5 may go either way), while every other write truncates (Npgsql
    /// sends whole microseconds): the archive's fixed-width text is cut to six digits first, so a time that travels
    /// through an archive equals the one a direct write would have stored.</summary>
    public string? TimeCast { get; init; } = "CAST(left({0}, 26) || 'Z' AS {1})";

    /// <summary>Whether booleans are stored as 0 and 1.</summary>
    public bool BooleansAsNumbers { get; init; }

    /// <summary>Columns that belong to one store only (row numbers, rowids): never read, never written.</summary>
    public IReadOnlySet<string> LocalColumns { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "seq", "entity_row", "user_row", "rowid", "run_row" };

    /// <summary>Time columns this database keeps as a lean row's integer (<see cref="SqlDialect.LeanTime"/>), as
    /// "table.column", read as the archive's text through <see cref="LeanTimeRead"/> and written back through
    /// <see cref="LeanTimeWrite"/> (format strings of the column or parameter). None where every time is a time type.</summary>
    public IReadOnlySet<string> LeanTimeColumns { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <inheritdoc cref="LeanTimeColumns"/>
    public string LeanTimeRead { get; init; } = "{0}";

    /// <inheritdoc cref="LeanTimeColumns"/>
    public string LeanTimeWrite { get; init; } = "{0}";

    /// <summary>Tables read by their own query instead of their columns (the user's rows, the archive's columns).</summary>
    public IReadOnlyDictionary<string, string> Reads { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Observations with their source read through the run where the row leaves it out (migration 0310).
        ["observations"] = $"""
            SELECT o.id, o.entity_id, {Observations.ObservationSql.OriginalOf("o")} AS original_entity_id, {Observations.ObservationSql.SourceOf("o", Runs.RunLink.ById)} AS source_id, o.run_id, o.kind,
                o.locator, o.priority, o.state, o.fields_json, o.reason, o.observed_at, o.created_at
            FROM observations o WHERE o.user_id = @UserId ORDER BY o.seq
            """,
        // Relation observations with their first ends and their source written out (migration 0380).
        [RelationObservations] = ByUserId.ArchiveRows,
        [ArchiveTableList.EntityKeys] = """
            SELECT encode(k.key, 'hex') AS key_hash, k.entity_id, e.entity_type
            FROM entity_keys k JOIN entities e ON e.id = k.entity_id
            WHERE k.user_id = @UserId ORDER BY k.entity_id, k.key
            """,
        // Recall's packed posting lists (0360) travel as hex, as identity keys do.
        [ArchiveTableList.RecallPostingLists] = """
            SELECT term, document_id, first_block, encode(postings, 'hex') AS postings
            FROM recall_posting_lists WHERE user_id = @UserId ORDER BY term, document_id, first_block
            """,
    };

    /// <summary>Tables written by their own statement, whose parameters are @c_ and the archive's column names.</summary>
    public IReadOnlyDictionary<string, string> Inserts { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["observations"] = $"""
            INSERT INTO observations (id, user_id, entity_id, original_entity_id, source_id, run_id, kind, locator, priority, state,
                fields_json, reason, observed_at, created_at)
            VALUES (@c_id, @UserId, @c_entity_id, {Observations.ObservationSql.LeanOriginal("@c_original_entity_id", "@c_entity_id")}, {Observations.ObservationSql.LeanSource("@c_source_id", "@c_run_id")},
                @c_run_id, @c_kind, @c_locator, CAST(@c_priority AS integer), @c_state, CAST(@c_fields_json AS jsonb), @c_reason,
                CAST(left(@c_observed_at, 26) || 'Z' AS timestamptz), CAST(left(@c_created_at, 26) || 'Z' AS timestamptz))
            ON CONFLICT DO NOTHING
            """,
        [ArchiveTableList.EntityKeys] = """
            INSERT INTO entity_keys (user_id, key, entity_id) VALUES (@UserId, decode(@c_key_hash, 'hex'), @c_entity_id)
            ON CONFLICT DO NOTHING
            """,
        [ArchiveTableList.RecallPostingLists] = """
            INSERT INTO recall_posting_lists (user_id, term, document_id, first_block, postings)
            VALUES (@UserId, @c_term, @c_document_id, CAST(@c_first_block AS integer), decode(@c_postings, 'hex'))
            ON CONFLICT DO NOTHING
            """,
    };

    /// <summary>Local columns a row needs on this database, as expressions over the row's own parameters.</summary>
    public IReadOnlyDictionary<string, KeyValuePair<string, string>> LocalValues { get; init; } =
        new Dictionary<string, KeyValuePair<string, string>>(StringComparer.Ordinal);

    /// <summary>Columns the archive carries that this database computes from the row instead of keeping, per table: the
    /// column, the expression that reads it (over the table's unqualified name) and the kept column it follows in the
    /// archive's rows (the other database's order, so a row reads the same from either). Read into the archive as if
    /// kept; on loading, the archive's value is not written (SQLite's entities.search_text since 0530).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DerivedColumn>> DerivedColumns { get; init; } =
        new Dictionary<string, IReadOnlyList<DerivedColumn>>(StringComparer.Ordinal);

    /// <summary>What else a loaded row needs on this database (a full-text entry, a relation observation's lean form), run
    /// once the row is in.</summary>
    public IReadOnlyDictionary<string, string> AfterInsert { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [RelationObservations] = ByUserId.CompactImported,
    };

    public const string RelationObservations = "relation_observations";

    /// <summary>The session user's rowid, for a table that names its user by rowid instead of by id (SQLite's relation
    /// observations since 0500); null where every carried table names its user by id.</summary>
    public string? UserRow { get; init; }

    /// <summary>Relation observations as both databases first kept them, named by the user's id (the defaults above).</summary>
    private static readonly Relations.RelationSql ByUserId = new();
}

/// <summary>An archived column a database computes instead of keeping (<see cref="ArchiveSql.DerivedColumns"/>).</summary>
internal sealed record DerivedColumn(string Name, string Read, string After);
