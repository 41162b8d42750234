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
    public IReadOnlySet<string> LocalColumns { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "seq", "entity_row", "user_row" };

    /// <summary>Tables read by their own query instead of their columns (the user's rows, the archive's columns).</summary>
    public IReadOnlyDictionary<string, string> Reads { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ArchiveTableList.EntityKeys] = """
            SELECT encode(k.key, 'hex') AS key_hash, k.entity_id, e.entity_type
            FROM entity_keys k JOIN entities e ON e.id = k.entity_id
            WHERE k.user_id = @UserId ORDER BY k.entity_id, k.key
            """,
    };

    /// <summary>Tables written by their own statement, whose parameters are @c_ and the archive's column names.</summary>
    public IReadOnlyDictionary<string, string> Inserts { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ArchiveTableList.EntityKeys] = """
            INSERT INTO entity_keys (user_id, key, entity_id) VALUES (@UserId, decode(@c_key_hash, 'hex'), @c_entity_id)
            ON CONFLICT DO NOTHING
            """,
    };

    /// <summary>Local columns a row needs on this database, as expressions over the row's own parameters.</summary>
    public IReadOnlyDictionary<string, KeyValuePair<string, string>> LocalValues { get; init; } =
        new Dictionary<string, KeyValuePair<string, string>>(StringComparer.Ordinal);

    /// <summary>What else a loaded row needs on this database (a full-text entry), run once the row is in.</summary>
    public IReadOnlyDictionary<string, string> AfterInsert { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
