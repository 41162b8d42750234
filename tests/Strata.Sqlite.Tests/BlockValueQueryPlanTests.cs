using Strata.Core.Review;
using Strata.Sqlite.Storage;
using Xunit;

namespace Strata.Sqlite.Tests;

/// <summary>
/// The grid's filtered rows (list_block_values with a filter) are a walk of the run's items in index order by their
/// primary key, each joined to its value and block by key, stopped by LIMIT: SQLite never sorts the run's filtered set
/// (no temporary B-tree for the ORDER BY) nor scans a table, so a page costs the rows it reads up to its offset plus
/// its limit, never the whole run held anywhere.
/// </summary>
public sealed class BlockValueQueryPlanTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("staged", "paragraph", null)]
    [InlineData("rejected", null, "deposit")]
    [InlineData("failed", "heading", "deposit")]
    public void A_filtered_page_walks_the_runs_items_by_key_in_order_and_never_sorts_or_scans(string? state, string? blockType, string? contains)
    {
        var query = new BlockValueQuery(state, blockType, contains is null ? null : "topic", null, contains).Validated();

        var plan = Plan(SqliteDialect.Instance.Review.ListMatching(query));

        Assert.Contains(plan, step => step.StartsWith("SEARCH i USING ", StringComparison.Ordinal) && step.Contains("run_id=?", StringComparison.Ordinal));
        // (Without a state or a field the value is not read at all: SQLite drops the unused LEFT JOIN.)
        if (state is not null || contains is not null)
        {
            Assert.Contains(plan, step => step.StartsWith("SEARCH v USING INDEX sqlite_autoindex_block_values_1", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal) || step.StartsWith("SCAN", StringComparison.Ordinal));
        if (blockType is not null) Assert.Contains(plan, step => step.Contains("SEARCH b USING", StringComparison.Ordinal) && step.Contains("block_index=?", StringComparison.Ordinal));
    }

    private List<string> Plan(string sql) => QueryPlans.Of(_database, sql, ("@UserId", "usr_a"), ("@runId", "run_a"), ("@documentId", "doc_a"),
        ("@state", "staged"), ("@blockType", "paragraph"), ("@fieldPath", "$.\"topic\""), ("@pattern", "%deposit%"), ("@afterIndex", -1),
        ("@offset", 500), ("@limit", 100));
}
