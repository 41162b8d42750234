using Strata.Sqlite.Storage;
using Xunit;

namespace Strata.Sqlite.Tests;

/// <summary>
/// The embedding backfill walks the user's units without a vector a page at a time (migration 0335). A page is a range
/// seek on recall_units_by_user after the last unit read, stopped by its LIMIT: SQLite never sorts the user's units (no
/// temporary B-tree) nor scans a table, and probes each unit's vector by the whole key in an index alone — so a backfill
/// of n units reads each unit once, not n²/page. The recall scan of the vectors walks their key the same way.
/// </summary>
public sealed class RecallBackfillQueryPlanTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Fact]
    public void A_page_of_the_walk_after_the_last_unit_is_a_range_seek_that_never_sorts_or_scans()
    {
        var sql = SqliteDialect.Instance.Recall;
        var plan = Plan(sql.Unembedded + sql.UnembeddedAfter + sql.UnembeddedOrder);

        Assert.Contains("SEARCH u USING COVERING INDEX recall_units_by_user (user_id=? AND (document_id,block_index)>(?,?))", plan);
        Assert.Contains(plan, step => step.StartsWith("SEARCH v USING COVERING INDEX", StringComparison.Ordinal) && step.Contains("user_id=?", StringComparison.Ordinal)
            && step.Contains("document_id=? AND block_index=?", StringComparison.Ordinal) && step.Contains("model=?", StringComparison.Ordinal));
        Assert.Contains("SEARCH b USING INDEX sqlite_autoindex_document_blocks_1 (document_id=? AND block_index=?)", plan);
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal) || step.StartsWith("SCAN", StringComparison.Ordinal));
    }

    [Fact]
    public void The_first_page_of_the_walk_reads_the_users_units_in_index_order_without_a_sort()
    {
        var sql = SqliteDialect.Instance.Recall;
        var plan = Plan(sql.Unembedded + sql.UnembeddedOrder);

        Assert.Contains("SEARCH u USING COVERING INDEX recall_units_by_user (user_id=?)", plan);
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal) || step.StartsWith("SCAN", StringComparison.Ordinal));
    }

    [Fact]
    public void The_recall_scan_of_a_models_vectors_walks_their_key_without_a_sort()
    {
        var sql = SqliteDialect.Instance.Recall;
        var plan = Plan(sql.Vectors + sql.VectorsAfter + sql.VectorsOrder);

        Assert.Contains(plan, step => step.StartsWith("SEARCH v USING INDEX sqlite_autoindex_recall_vectors", StringComparison.Ordinal)
            && step.Contains("user_id=? AND model=?", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal) || step.StartsWith("SCAN", StringComparison.Ordinal));
    }

    [Fact]
    public void The_users_kept_statistics_are_one_row_read_by_its_key()
    {
        Assert.Equal(["SEARCH recall_statistics USING PRIMARY KEY (user_id=?)"], Plan(SqliteDialect.Instance.Recall.Statistics));
        Assert.Equal(["SEARCH recall_vector_counts USING PRIMARY KEY (user_id=?)"], Plan(SqliteDialect.Instance.Recall.VectorCounts));
    }

    private List<string> Plan(string sql) => QueryPlans.Of(_database, sql, ("@UserId", "usr_a"), ("@model", "m-384"), ("@afterDocument", "doc_a"),
        ("@afterIndex", 3), ("@limit", 512));
}
