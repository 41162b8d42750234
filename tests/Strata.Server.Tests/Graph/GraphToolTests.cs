using System.Text.Json;
using ModelContextProtocol.Client;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Graph;

/// <summary>
/// Relations written through <c>ingest_structured</c> and read with <c>list_relations</c>, <c>get_neighbourhood</c> and
/// <c>find_path</c> over MCP: current by default, as they held at any time with <c>as_of</c>, with their provenance.
/// </summary>
public abstract class GraphToolTests : IAsyncLifetime
{
    private RunningServer _server = null!;
    private McpClient _client = null!;

    protected abstract Backend Backend { get; }

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(worker: false, backend: Backend);
        _client = await McpConnections.OverHttpAsync(_server, await _server.CreateUserAsync("alice"));
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<JsonElement> StoreAsync(string json) => (await _client.CallAsync("ingest_structured", json)).Structured();

    private static string Id(JsonElement stored, int index) => stored.GetProperty("entities")[index].GetProperty("entity_id").GetString()!;

    private static string[] Names(JsonElement list, string end) =>
        list.GetProperty("relations").EnumerateArray().Select(r => r.GetProperty(end).GetString()!).Order().ToArray();

    [Fact]
    public async Task Ending_a_managers_relation_answers_who_it_is_now_and_who_it_was_last_year_with_the_run_and_source_it_came_from()
    {
        var people = await StoreAsync("""
            {"entities":[{"entity_type":"contact","name":"Carol Danvers","email":"carol@example.com"},
                         {"entity_type":"contact","name":"Bob Marley","email":"bob@example.com"},
                         {"entity_type":"contact","name":"Dana Scully","email":"dana@example.com"}],
             "relations":[{"from":0,"relation_type":"reports_to","to":1,"valid_from":"2020-01-01","properties":{"team":"archives"}}]}
            """);
        var (carol, bob, dana) = (Id(people, 0), Id(people, 1), Id(people, 2));
        var yearAgo = DateTimeOffset.UtcNow.AddYears(-1).ToString("O");

        // Carol now reports to Dana: reports_to holds one at a time, so Bob's ends where Dana's begins.
        var moved = await StoreAsync($$"""{"entities":[],"relations":[{"from":"{{carol}}","relation_type":"reports_to","to":"{{dana}}"}]}""");
        Assert.Equal(1, moved.GetProperty("relations")[0].GetProperty("ended").GetInt32());

        var now = (await _client.CallAsync("list_relations", $$"""{"entity_id":"{{carol}}","relation_type":"reports_to"}""")).Structured();
        var then = (await _client.CallAsync("list_relations", $$"""{"entity_id":"{{carol}}","relation_type":"reports_to","as_of":"{{yearAgo}}"}""")).Structured();
        Assert.Equal(["Dana Scully"], Names(now, "to_name"));
        Assert.Equal([bob], then.GetProperty("relations").EnumerateArray().Select(r => r.GetProperty("to_entity_id").GetString()!).ToArray());
        var before = then.GetProperty("relations")[0];
        Assert.Equal("archives", before.GetProperty("properties").GetProperty("team").GetString());
        Assert.NotEqual(JsonValueKind.Null, before.GetProperty("valid_to").ValueKind);

        // Read from Bob's end with the declared inverse: whom he manages, now (nobody) and a year ago (Carol).
        var managesNow = (await _client.CallAsync("list_relations", $$"""{"entity_id":"{{bob}}","relation_type":"manages"}""")).Structured();
        var managedThen = (await _client.CallAsync("list_relations", $$"""{"entity_id":"{{bob}}","relation_type":"manages","as_of":"{{yearAgo}}"}""")).Structured();
        Assert.Empty(managesNow.GetProperty("relations").EnumerateArray());
        Assert.Equal("reports_to", Assert.Single(managedThen.GetProperty("relations").EnumerateArray()).GetProperty("relation_type").GetString());
        Assert.Equal("manages", managedThen.GetProperty("relations")[0].GetProperty("inverse").GetString());

        // Where its latest word came from: the run that ended it, whose source holds the relation that replaced it.
        var provenance = before.GetProperty("provenance");
        Assert.Equal(moved.GetProperty("run_id").GetString(), provenance.GetProperty("run_id").GetString());
        Assert.Equal(moved.GetProperty("run_id").GetString(), now.GetProperty("relations")[0].GetProperty("provenance").GetProperty("run_id").GetString());
        var source = (await _client.CallAsync("get_source_content", $$"""{"source_id":"{{provenance.GetProperty("source_id").GetString()}}"}""")).Structured();
        Assert.Contains(dana, source.GetRawText());
    }

    [Fact]
    public async Task A_retraction_drops_a_relation_from_the_current_view_and_a_view_before_it_still_shows_it()
    {
        var stored = await StoreAsync("""
            {"entities":[{"entity_type":"task","title":"Pour the foundation"},{"entity_type":"task","title":"Build the walls"}],
             "relations":[{"from":0,"relation_type":"blocks","to":1}]}
            """);
        var before = DateTimeOffset.UtcNow.ToString("O");
        await StoreAsync($$"""{"entities":[],"relations":[{"from":"{{Id(stored, 0)}}","relation_type":"blocks","to":"{{Id(stored, 1)}}","retract":true}]}""");

        var now = (await _client.CallAsync("list_relations", $$"""{"entity_id":"{{Id(stored, 1)}}"}""")).Structured();
        var then = (await _client.CallAsync("list_relations", $$"""{"entity_id":"{{Id(stored, 1)}}","as_of":"{{before}}"}""")).Structured();
        Assert.Empty(now.GetProperty("relations").EnumerateArray());
        Assert.Equal("blocks", Assert.Single(then.GetProperty("relations").EnumerateArray()).GetProperty("relation_type").GetString());
    }

    [Fact]
    public async Task The_neighbourhood_stops_at_its_depth_and_limits_and_says_so_and_the_path_is_the_shortest_within_its_bound()
    {
        // A chain a - b - c - d - e, and a shortcut a - d.
        var chain = await StoreAsync("""
            {"entities":[{"entity_type":"note","title":"a"},{"entity_type":"note","title":"b"},{"entity_type":"note","title":"c"},
                         {"entity_type":"note","title":"d"},{"entity_type":"note","title":"e"}],
             "relations":[{"from":0,"relation_type":"next","to":1},{"from":1,"relation_type":"next","to":2},{"from":2,"relation_type":"next","to":3},
                          {"from":3,"relation_type":"next","to":4},{"from":0,"relation_type":"see_also","to":3}]}
            """);
        var ids = Enumerable.Range(0, 5).Select(i => Id(chain, i)).ToArray();

        var depth1 = (await _client.CallAsync("get_neighbourhood", $$"""{"entity_id":"{{ids[1]}}"}""")).Structured();
        var depth2 = (await _client.CallAsync("get_neighbourhood", $$"""{"entity_id":"{{ids[0]}}","depth":2}""")).Structured();
        var capped = (await _client.CallAsync("get_neighbourhood", $$"""{"entity_id":"{{ids[0]}}","depth":3,"max_nodes":3}""")).Structured();
        Assert.Equal(new[] { ids[0], ids[1], ids[2] }.Order(), depth1.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("entity_id").GetString()).Order());
        Assert.Equal(5, depth2.GetProperty("nodes").GetArrayLength());
        Assert.Equal(5, depth2.GetProperty("edges").GetArrayLength());
        Assert.False(depth2.GetProperty("node_limit_reached").GetBoolean());
        Assert.Equal(3, capped.GetProperty("nodes").GetArrayLength());
        Assert.True(capped.GetProperty("node_limit_reached").GetBoolean());
        var cappedNodes = capped.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("entity_id").GetString()).ToHashSet();
        Assert.All(capped.GetProperty("edges").EnumerateArray(), e =>
        {
            Assert.Contains(e.GetProperty("from_entity_id").GetString(), cappedNodes);
            Assert.Contains(e.GetProperty("to_entity_id").GetString(), cappedNodes);
        });

        var path = (await _client.CallAsync("find_path", $$"""{"from_entity_id":"{{ids[4]}}","to_entity_id":"{{ids[1]}}"}""")).Structured();
        Assert.True(path.GetProperty("found").GetBoolean());
        Assert.Equal([ids[4], ids[3], ids[0], ids[1]], path.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("entity_id").GetString()!).ToArray());
        Assert.Equal(["next", "see_also", "next"], path.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("relation_type").GetString()!).ToArray());
        var tooShort = (await _client.CallAsync("find_path", $$"""{"from_entity_id":"{{ids[4]}}","to_entity_id":"{{ids[1]}}","max_depth":2}""")).Structured();
        Assert.False(tooShort.GetProperty("found").GetBoolean());

        var refused = await _client.CallAsync("get_neighbourhood", $$"""{"entity_id":"{{ids[0]}}","depth":4}""");
        Assert.True(refused.IsError);
        Assert.Equal("VALIDATION_FAILED", refused.StructuredContent!.Value.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_merge_folds_both_entities_relations_into_one_and_the_unmerge_gives_them_back()
    {
        var stored = await StoreAsync("""
            {"entities":[{"entity_type":"contact","name":"Grace Hopper","email":"grace@example.com"},
                         {"entity_type":"contact","name":"Grace B. Hopper","email":"amazing.grace@example.com"},
                         {"entity_type":"company","name":"US Navy","domain":"navy.mil"}],
             "relations":[{"from":0,"relation_type":"member_of","to":2},{"from":1,"relation_type":"member_of","to":2}]}
            """);
        var (grace, graceB, navy) = (Id(stored, 0), Id(stored, 1), Id(stored, 2));
        var merge = (await _client.CallAsync("merge_entities", $$"""{"from_entity_id":"{{graceB}}","to_entity_id":"{{grace}}"}""")).Structured();

        var ofNavy = (await _client.CallAsync("list_relations", $$"""{"entity_id":"{{navy}}"}""")).Structured();
        Assert.Equal([grace], ofNavy.GetProperty("relations").EnumerateArray().Select(r => r.GetProperty("from_entity_id").GetString()!).ToArray());
        // Asked by the merged id, the answer is the surviving entity's.
        Assert.Equal(grace, (await _client.CallAsync("list_relations", $$"""{"entity_id":"{{graceB}}"}""")).Structured().GetProperty("entity_id").GetString());

        (await _client.CallAsync("unmerge", $$"""{"merge_id":"{{merge.GetProperty("merge_id").GetString()}}"}""")).Structured();
        var afterUnmerge = (await _client.CallAsync("list_relations", $$"""{"entity_id":"{{navy}}"}""")).Structured();
        Assert.Equal(new[] { grace, graceB }.Order(), afterUnmerge.GetProperty("relations").EnumerateArray().Select(r => r.GetProperty("from_entity_id").GetString()).Order());
    }

    [Fact]
    public async Task Twenty_concurrent_writers_keep_every_relation_and_leave_exactly_one_current_employer()
    {
        var person = Id(await StoreAsync("""{"entities":[{"entity_type":"contact","name":"Ada Lovelace","email":"ada@example.com"}]}"""), 0);
        var writes = Enumerable.Range(0, 20).Select(i => StoreAsync($$"""
            {"entities":[{"entity_type":"company","name":"Company {{i}}","domain":"c{{i}}.example.com"}],
             "relations":[{"from":"{{person}}","relation_type":"works_at","to":0},{"from":"{{person}}","relation_type":"member_of","to":0}]}
            """));
        await Task.WhenAll(writes);

        var relations = (await _client.CallAsync("list_relations", $$"""{"entity_id":"{{person}}","direction":"out"}""")).Structured().GetProperty("relations");
        Assert.Equal(20, relations.EnumerateArray().Count(r => r.GetProperty("relation_type").GetString() == "member_of"));
        Assert.Single(relations.EnumerateArray(), r => r.GetProperty("relation_type").GetString() == "works_at");
    }

    [Fact]
    public async Task A_relation_to_a_missing_entity_or_of_an_undeclared_shape_is_refused_and_changes_nothing()
    {
        var company = Id(await StoreAsync("""{"entities":[{"entity_type":"company","name":"Initech","domain":"initech.example.com"}]}"""), 0);
        var missing = await _client.CallAsync("ingest_structured", $$"""
            {"entities":[{"entity_type":"contact","name":"Peter Gibbons","email":"peter@example.com"}],
             "relations":[{"from":0,"relation_type":"works_at","to":"ent_000000000000000000000000"}]}
            """);
        var wrongEnd = await _client.CallAsync("ingest_structured", $$"""
            {"entities":[{"entity_type":"note","title":"TPS report"}],"relations":[{"from":0,"relation_type":"works_at","to":"{{company}}"}]}
            """);
        Assert.Equal("ENTITY_NOT_FOUND", missing.StructuredContent!.Value.GetProperty("code").GetString());
        Assert.Equal("VALIDATION_FAILED", wrongEnd.StructuredContent!.Value.GetProperty("code").GetString());
        Assert.Contains("starts from contact", McpConnections.Text(wrongEnd));
        var entities = (await _client.CallAsync("retrieve_entities", """{"include_total":true}""")).Structured();
        Assert.Equal(1, entities.GetProperty("total").GetInt32());
        Assert.Empty((await _client.CallAsync("list_relations", $$"""{"entity_id":"{{company}}"}""")).Structured().GetProperty("relations").EnumerateArray());
    }
}

public sealed class GraphToolTestsOnSqlite : GraphToolTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class GraphToolTestsOnPostgres : GraphToolTests
{
    protected override Backend Backend => Backend.Postgres;
}
