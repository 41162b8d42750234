using Strata.Relational;
using Strata.Relational.Splits;

namespace Strata.Sqlite.Storage;

/// <summary>SQLite's side of the shared store layer: times as fixed-width UTC text, and the SQL it needs of its own.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new()
    {
        Splits = new SplitSql
        {
            Move = """
                UPDATE observations SET entity_id = @toEntityId,
                    entity_row = (SELECT rowid FROM entities WHERE user_id = @UserId AND id = @toEntityId)
                WHERE user_id = @UserId AND entity_id = @fromEntityId AND id IN (SELECT value FROM json_each(@ids))
                """,
            FirstWrittenTo = """
                SELECT id FROM observations
                WHERE entity_row = (SELECT rowid FROM entities WHERE user_id = @UserId AND id = @entityId) AND user_id = @UserId
                  AND original_entity_id IN (SELECT value FROM json_each(@originals))
                ORDER BY seq
                """,
        },
    };

    public override bool ListsAsJson => true;

    private SqliteDialect()
    {
    }

    public override string Name => "sqlite";

    public override object Time(DateTimeOffset value) => StoredTime.ToText(value);
}
