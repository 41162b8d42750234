using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Observations;

namespace Strata.Acceptance.Tests.Graph;

/// <summary>
/// <c>strata store</c> killed with SIGKILL in the middle of its relations (one written and the end of the relation it
/// replaces, the next not yet), at the point the process itself announces from inside its transaction: afterwards the
/// relations are as before the write, with no row of it left; run again, the write is whole, once.
/// </summary>
public sealed class KilledRelationWriteTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_relation_write_killed_between_two_relations_leaves_none_of_them_and_run_again_writes_all_once(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        var people = await strata.Services.Structured.StoreAsync(alice, new StoreRequest(Json("""
            [{"entity_type":"contact","name":"Carol Danvers","email":"carol@example.com"},
             {"entity_type":"contact","name":"Bob Marley","email":"bob@example.com"},
             {"entity_type":"contact","name":"Dana Scully","email":"dana@example.com"},
             {"entity_type":"company","name":"Archives Ltd"}]
            """), null, null, Json("""[{"from":0,"relation_type":"reports_to","to":1,"valid_from":"2020-01-01"}]""")), None);
        var (carol, bob, dana, archives) = (people.Entities[0].EntityId, people.Entities[1].EntityId, people.Entities[2].EntityId, people.Entities[3].EntityId);
        var before = strata.Counts()["relation_observations"];
        // Carol moves to Dana (which ends Bob's) and joins the archives: the kill comes between the two.
        var file = Path.Combine(strata.DataDirectory, "move.json");
        await File.WriteAllTextAsync(file, $$"""
            {"entities":[],"relations":[{"from":"{{carol}}","relation_type":"reports_to","to":"{{dana}}"},
                                        {"from":"{{carol}}","relation_type":"member_of","to":"{{archives}}"}]}
            """);
        string[] args = [.. strata.PostgresConnectionString is { } url ? new[] { "--database", url } : [], "--user", "alice", "store", file];

        var signal = Path.Combine(strata.DataDirectory, "held");
        using (var child = StrataChild.StartHeldAt("relation-write", signal, strata.DataDirectory, args))
        {
            if (!await child.HeldAsync()) Assert.Fail($"store ended before its second relation: {(await child.KillAsync()).Error}");
            await child.KillAsync();
        }

        Assert.Equal(before, strata.Counts()["relation_observations"]);
        Assert.Equal([bob], await ManagersAsync(strata, alice, carol));
        Assert.Empty(await MembershipsAsync(strata, alice, carol));
        Assert.Empty(Orphans(strata));

        var finished = await new StrataProcess(strata.DataDirectory).RunAsync(args);

        Assert.True(finished.Exit == 0, finished.Error);
        Assert.Equal(before + 3, strata.Counts()["relation_observations"]); // Dana's, the end of Bob's, the membership
        Assert.Equal([dana], await ManagersAsync(strata, alice, carol));
        Assert.Equal([archives], await MembershipsAsync(strata, alice, carol));
        Assert.Empty(Orphans(strata));
    }

    /// <summary>The child process writes at the system's time, ahead of the test clock: ask as of a day on.</summary>
    private static DateTimeOffset Later => DateTimeOffset.UtcNow.AddDays(1);

    private static async Task<string[]> ManagersAsync(TestStrata strata, string user, string entityId) =>
        (await strata.Services.Graph.RelationsAsync(user, entityId, "reports_to", "out", Later, None)).Relations.Select(r => r.ToEntityId).ToArray();

    private static async Task<string[]> MembershipsAsync(TestStrata strata, string user, string entityId) =>
        (await strata.Services.Graph.RelationsAsync(user, entityId, "member_of", "out", Later, None)).Relations.Select(r => r.ToEntityId).ToArray();

    /// <summary>Relation rows whose run or ends are not there, and runs left holding relations without having completed.
    /// SQLite's rows name their run by its number (migration 0550).</summary>
    private static List<string> Orphans(TestStrata strata) => strata.Rows($"""
        SELECT r.id AS id FROM relation_observations r
        WHERE NOT EXISTS (SELECT 1 FROM runs u WHERE {(strata.Backend == Backends.Sqlite ? "u.seq = r.run_row" : "u.id = r.run_id")} AND u.status = 'completed')
           OR NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = r.from_entity_id)
           OR NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = r.to_entity_id)
        """);

    private static List<JsonElement> Json(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
}
