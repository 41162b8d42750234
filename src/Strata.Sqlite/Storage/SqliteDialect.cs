using Strata.Relational;

namespace Strata.Sqlite.Storage;

/// <summary>SQLite's side of the shared store layer: times as fixed-width UTC text, and the SQL it needs of its own.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    private SqliteDialect()
    {
    }

    public override string Name => "sqlite";

    public override object Time(DateTimeOffset value) => StoredTime.ToText(value);
}
