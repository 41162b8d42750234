using Strata.Sqlite.Storage;
using Xunit;

namespace Strata.Sqlite.Tests;

/// <summary>
/// A neighbourhood hop reads what touches its frontier, not the user's whole graph: the statements behind
/// <c>HoldingAsync</c> and <c>NamedEndsAsync</c> search the endpoint indexes and the entities' key for the ids asked, where
/// SQLite's planner once walked every relation of the user in index order (to spare a sort) and every entity of the user
/// (to test it against the list) — a cost that grew with the store, 150 ms of CPU a hop at 500,000 relations.
/// </summary>
public sealed class GraphQueryPlanTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Fact]
    public void Each_half_of_a_hop_searches_its_endpoint_index_by_the_frontier_and_never_walks_the_users_relations()
    {
        var plan = Plan(SqliteDialect.Instance.Relations.Holding);

        // Since migration 0500 each half finds the frontier's entities by id, their relations by the end's rowid, the
        // relations whose end has no entity by the NULL rowid, then each row by its seq.
        Assert.Contains("SEARCH ro USING COVERING INDEX relation_observations_by_from_row (from_row=?)", plan);
        Assert.Contains("SEARCH ro USING COVERING INDEX relation_observations_by_to_row (to_row=?)", plan);
        Assert.Contains("SEARCH er USING INDEX sqlite_autoindex_entities_1 (id=?)", plan);
        Assert.Contains("SEARCH relation_observations USING INTEGER PRIMARY KEY (rowid=?)", plan);
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN relation_observations", StringComparison.Ordinal)
            || step.StartsWith("SCAN ro", StringComparison.Ordinal) || step.StartsWith("SCAN er", StringComparison.Ordinal)
            || step.EndsWith("(user_id=?)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("History")]
    [InlineData("OneText")]
    [InlineData("ByTermsText")]
    [InlineData("MoveFrom")]
    [InlineData("MoveTo")]
    [InlineData("RestoreFrom")]
    [InlineData("RestoreTo")]
    public void A_relation_read_or_moved_by_its_end_searches_the_end_s_rowid_and_never_walks_the_relations(string statement)
    {
        var sql = (string)typeof(Strata.Relational.Relations.RelationSql).GetProperty(statement)!.GetValue(SqliteDialect.Instance.Relations)!;
        var plan = QueryPlans.Of(_database, sql, ("@UserId", "usr_a"), ("@at", 0L), ("@fromEntityId", "ent_1"), ("@toEntityId", "ent_2"),
            ("@relationType", "knows"), ("@intoEntityId", "ent_3"), ("@currentEntityId", "ent_1"), ("@originalEntityId", "ent_2"),
            ("@terms", """["know"]"""), ("@postings", 100), ("@limit", 10));

        Assert.Contains(plan, step => step.Contains("relation_observations_by_from_row (from_row=?", StringComparison.Ordinal)
            || step.Contains("relation_observations_by_to_row (to_row=?)", StringComparison.Ordinal));
        Assert.False(plan.Any(step => step.StartsWith("SCAN relation_observations", StringComparison.Ordinal)
            || step.StartsWith("SCAN o", StringComparison.Ordinal)), string.Join(" | ", plan));
    }

    [Fact]
    public void The_ends_of_a_hop_are_named_by_one_key_probe_each_and_never_by_walking_the_users_entities()
    {
        var plan = Plan(SqliteDialect.Instance.Relations.NamedEnds);

        Assert.Contains(plan, step => step.StartsWith("SEARCH e USING INDEX sqlite_autoindex_entities_1 (id=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("entities_by_user", StringComparison.Ordinal) || step.StartsWith("SCAN e", StringComparison.Ordinal));
    }

    private List<string> Plan(string sql) => QueryPlans.Of(_database, sql,
        ("@UserId", "usr_a"), ("@entityIds", """["ent_1","ent_2"]"""), ("@at", "2026-01-01T00:00:00.0000000Z"));
}
