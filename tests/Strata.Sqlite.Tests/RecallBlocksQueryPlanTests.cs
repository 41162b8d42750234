using System.Globalization;
using Strata.Sqlite.Storage;
using Xunit;

namespace Strata.Sqlite.Tests;

/// <summary>
/// Recall reads the blocks of a list of units (a question's results, and the short turns the reply signal looks at) driven
/// by the list: one primary-key probe a unit. Left to itself, past about twenty units SQLite preferred walking every block
/// of the user by the user's block index and scanning the list for each (5.7 ms for 42 units at 2,000 blocks, growing
/// with the store); the SQLite statement fixes the order.
/// </summary>
public sealed class RecallBlocksQueryPlanTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(50)]
    [InlineData(100)]
    public void The_blocks_of_a_list_of_units_are_probed_by_key_from_the_list_never_walked_by_user(int units)
    {
        var sql = SqliteDialect.Instance.Recall;
        var keys = Enumerable.Range(0, units).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        var statement = sql.BlocksKeys + string.Join(", ", keys.Select(n => $"(@d{n}, @i{n})")) + sql.BlocksRows + sql.Blocks;
        var parameters = keys.SelectMany(n => new (string, object)[] { ($"@d{n}", "doc_" + n), ($"@i{n}", 1) }).Append(("@UserId", "usr_a")).ToArray();

        var plan = QueryPlans.Of(_database, statement, parameters);

        // The list's own rows (a co-routine over the VALUES) aside, the join starts from the list.
        var joins = plan.Where(step => (step.StartsWith("SCAN", StringComparison.Ordinal) || step.StartsWith("SEARCH", StringComparison.Ordinal))
            && !step.Contains("CONSTANT ROW", StringComparison.Ordinal)).ToList();
        Assert.Equal("SCAN wanted", joins[0]);
        Assert.Contains("SEARCH b USING INDEX sqlite_autoindex_document_blocks_1 (document_id=? AND block_index=?)", plan);
        Assert.DoesNotContain(plan, step => step.Contains("(user_id=?)", StringComparison.Ordinal));
    }
}
