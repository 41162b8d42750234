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

        Assert.Contains("SEARCH relation_observations USING INDEX relation_observations_by_from_type (user_row=? AND from_entity_id=?)", plan);
        Assert.Contains("SEARCH relation_observations USING INDEX relation_observations_by_to_type (user_row=? AND to_entity_id=?)", plan);
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN relation_observations", StringComparison.Ordinal)
            || step.EndsWith("(user_id=?)", StringComparison.Ordinal));
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
