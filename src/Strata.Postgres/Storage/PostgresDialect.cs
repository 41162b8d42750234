using Strata.Relational;
using Strata.Relational.EntityKeys;
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
        EntityKeys = new EntityKeySql
        {
            Find = """
                SELECT key_hash AS KeyHash, entity_id AS EntityId, entity_type AS EntityType
                FROM entity_keys WHERE user_id = @UserId AND key_hash IN (SELECT jsonb_array_elements_text(@hashes::jsonb))
                """,
            Add = """
                INSERT INTO entity_keys (user_id, key_hash, entity_id, entity_type)
                SELECT @UserId, r->>0, r->>1, r->>2 FROM jsonb_array_elements(@rows::jsonb) AS r
                ON CONFLICT DO NOTHING
                """,
        },
    };

    private PostgresDialect()
    {
    }

    public override string Name => "postgres";

    /// <summary>Npgsql writes timestamptz only from UTC <see cref="DateTime"/>s.</summary>
    public override object Time(DateTimeOffset value) => value.UtcDateTime;
}
