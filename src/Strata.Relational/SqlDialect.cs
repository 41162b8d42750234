using Strata.Relational.Llm;
using Strata.Relational.Runs;

namespace Strata.Relational;

/// <summary>
/// What differs between the databases, and nothing else: the SQL text of each store (one record per concern, whose
/// defaults are the text both databases accept; a dialect overrides only what it must) and how a time is written.
/// Adding a table means one store class, one SQL record here, and one migration per database.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>For messages and metrics: "sqlite" or "postgres".</summary>
    public abstract string Name { get; }

    /// <summary>A time as a parameter value: fixed-width UTC text on SQLite (text order is time order), a UTC
    /// <see cref="DateTime"/> for PostgreSQL's timestamptz. Read back with <see cref="StoredTime"/>.</summary>
    public abstract object Time(DateTimeOffset value);

    public RunSql Runs { get; init; } = new();

    public LlmSettingsSql LlmSettings { get; init; } = new();

    public LlmUsageSql LlmUsage { get; init; } = new();
}
