using Strata.Relational;
using Strata.Relational.Runs;

namespace Strata.Postgres.Storage;

/// <summary>PostgreSQL's side of the shared store layer: timestamptz values, and the SQL it needs of its own.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new()
    {
        Runs = new RunSql
        {
            ListFilter = "WHERE user_id = @UserId AND (@sourceId::text IS NULL OR source_id = @sourceId) AND (@includeArchived OR archived_at IS NULL)",
        },
    };

    private PostgresDialect()
    {
    }

    public override string Name => "postgres";

    /// <summary>Npgsql writes timestamptz only from UTC <see cref="DateTime"/>s.</summary>
    public override object Time(DateTimeOffset value) => value.UtcDateTime;
}
