namespace Strata.Relational.Migrations;

/// <summary>The migrations table's SQL, and how several processes starting together take turns.</summary>
internal sealed record MigrationSql
{
    /// <summary>Run before and after migrating where several processes may start together; none on SQLite, whose
    /// migrations each take the single write lock.</summary>
    public string? Lock { get; init; }

    /// <inheritdoc cref="Lock"/>
    public string? Unlock { get; init; }

    public string CreateTable { get; init; } = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at TEXT NOT NULL)
        """;

    public string Applied { get; init; } = "SELECT version FROM schema_migrations";

    /// <summary>Turn the connection's foreign-key checks off and back on around a migration that rebuilds a table other
    /// tables reference (<see cref="MigrationRunner.ForeignKeysOff"/>); SQLite only (its <c>DROP TABLE</c> of a referenced
    /// table fails with them on, and the pragma is ignored inside a transaction). Null where a migration changes a column
    /// in place (PostgreSQL).</summary>
    public string? ForeignKeysOff { get; init; } = "PRAGMA foreign_keys = OFF";

    /// <inheritdoc cref="ForeignKeysOff"/>
    public string? ForeignKeysOn { get; init; } = "PRAGMA foreign_keys = ON";

    /// <summary>Lists the first five rows whose reference names no row (no more are read), checked before such a migration
    /// commits.</summary>
    public string? ForeignKeyCheck { get; init; } = "SELECT * FROM pragma_foreign_key_check LIMIT 5";

    /// <summary>Records one migration (<c>@version</c>, <c>@name</c>, <c>@at</c>).</summary>
    public string Record { get; init; } = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)";
}
