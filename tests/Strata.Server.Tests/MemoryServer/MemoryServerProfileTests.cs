using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.MemoryServer;

/// <summary>
/// The memory server profile over HTTP (<c>/mcp/memory-server</c>) beside Strata's own tools (<c>/mcp</c>), one API key
/// for both: exactly the reference's nine tools there, and underneath Strata's history — deletes are retractions that
/// Strata's tools still show as they were, each call a run with its source.
/// </summary>
public abstract class MemoryServerProfileTests : IAsyncLifetime
{
    private RunningServer _server = null!;
    private McpClient _profile = null!;
    private McpClient _strata = null!;

    protected abstract Backend Backend { get; }

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(worker: false, backend: Backend);
        var key = await _server.CreateUserAsync("alice");
        _strata = await McpConnections.OverHttpAsync(_server, key);
        _profile = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(_server.BaseAddress, "/mcp/memory-server"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" },
        }));
    }

    public async Task DisposeAsync()
    {
        await _profile.DisposeAsync();
        await _strata.DisposeAsync();
        await _server.DisposeAsync();
    }

    private static readonly string[] NineTools =
    [
        "add_observations", "create_entities", "create_relations", "delete_entities", "delete_observations", "delete_relations",
        "open_nodes", "read_graph", "search_nodes",
    ];

    [Fact]
    public async Task The_profile_lists_exactly_the_reference_servers_nine_tools_and_Strata_keeps_its_own_at_mcp()
    {
        var profileTools = await _profile.ListToolsAsync();
        Assert.Equal(NineTools, profileTools.Select(t => t.Name).Order());
        Assert.True(profileTools.Single(t => t.Name == "delete_entities").ProtocolTool.Annotations!.DestructiveHint);
        Assert.True(profileTools.Single(t => t.Name == "read_graph").ProtocolTool.Annotations!.ReadOnlyHint);
        var strataTools = (await _strata.ListToolsAsync()).Select(t => t.Name).ToList();
        Assert.Empty(strataTools.Intersect(NineTools));
        Assert.Contains("list_relations", strataTools);
    }

    [Fact]
    public async Task Deletes_are_retractions_the_current_graph_drops_them_and_Strata_shows_them_as_they_were_with_each_calls_run()
    {
        await _profile.CallAsync("create_entities", """
            {"entities":[{"name":"Ada","entityType":"person","observations":["likes tea","born 1815"]},
                         {"name":"ada","entityType":"username","observations":[]}]}
            """);
        var relation = (await _profile.CallAsync("create_relations", """{"relations":[{"from":"Ada","to":"Babbage","relationType":"works_with"}]}""")).Structured();
        Assert.Equal("Babbage", relation.GetProperty("relations")[0].GetProperty("to").GetString());
        var beforeDeletes = DateTimeOffset.UtcNow;
        await _profile.CallAsync("delete_observations", """{"deletions":[{"entityName":"Ada","observations":["likes tea"]}]}""");
        var deleted = (await _profile.CallAsync("delete_entities", """{"entityNames":["Ada"]}""")).Structured();
        Assert.Equal("Entities deleted successfully", deleted.GetProperty("message").GetString());

        // The profile answers as the reference: "ada" (another name) stays, Ada and her relation are gone.
        var graph = (await _profile.CallAsync("read_graph")).Structured();
        Assert.Equal(["ada"], graph.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray());
        Assert.Empty(graph.GetProperty("relations").EnumerateArray());
        var missing = await _profile.CallAsync("add_observations", """{"observations":[{"entityName":"Ada","contents":["back"]}]}""");
        Assert.True(missing.IsError);
        Assert.Equal("Entity with name Ada not found", McpConnections.Text(missing));

        // Strata underneath: Ada's entity holds each call as an observation with its run and source, nothing erased.
        var found = (await _strata.CallAsync("retrieve_entities", """{"entity_type":"memory_entity","query":"Ada"}""")).Structured();
        var ada = found.GetProperty("entities").EnumerateArray().Single(e => e.GetProperty("display_name").GetString() == "Ada").GetProperty("entity_id").GetString();
        var observations = (await _strata.CallAsync("list_observations", $$"""{"entity_id":"{{ada}}"}""")).Structured().GetProperty("observations");
        var ops = observations.EnumerateArray().Select(o => o.GetProperty("fields").TryGetProperty("op", out var op) ? op.GetString()! : "(a relation's end)").ToArray();
        // Naming an existing entity as a relation's end adds nothing to it; only Babbage, who has no entity yet, gets one
        // (an observation with no op) for the relation to point at.
        Assert.Equal(["create", "remove", "delete"], ops);
        var babbage = found.GetProperty("entities").EnumerateArray().Any(e => e.GetProperty("display_name").GetString() == "Babbage");
        Assert.False(babbage); // not an entity of the profile's search: it holds no op
        var babbageId = (await _strata.CallAsync("list_relations", $$"""{"entity_id":"{{ada}}","as_of":"{{beforeDeletes:O}}"}""")).Structured()
            .GetProperty("relations")[0].GetProperty("to_entity_id").GetString();
        var babbageOps = (await _strata.CallAsync("list_observations", $$"""{"entity_id":"{{babbageId}}"}""")).Structured().GetProperty("observations")
            .EnumerateArray().Select(o => o.GetProperty("fields").TryGetProperty("op", out var op) ? op.GetString()! : "(a relation's end)").ToArray();
        Assert.Equal(["(a relation's end)"], babbageOps);
        Assert.All(observations.EnumerateArray(), o => Assert.StartsWith("run_", o.GetProperty("run_id").GetString()));

        // The relation, retracted now, still held before the delete: as_of shows it with the run that wrote it.
        var now = (await _strata.CallAsync("list_relations", $$"""{"entity_id":"{{ada}}"}""")).Structured();
        Assert.Empty(now.GetProperty("relations").EnumerateArray());
        var then = (await _strata.CallAsync("list_relations", $$"""{"entity_id":"{{ada}}","as_of":"{{beforeDeletes:O}}"}""")).Structured();
        var held = Assert.Single(then.GetProperty("relations").EnumerateArray());
        Assert.Equal("memory:works_with", held.GetProperty("relation_type").GetString());
        Assert.Equal("Babbage", held.GetProperty("to_name").GetString());
    }

    [Fact]
    public async Task A_relation_created_deleted_and_created_again_between_existing_entities_holds_each_time_it_was_created()
    {
        await _profile.CallAsync("create_entities", """{"entities":[{"name":"Ada","entityType":"person","observations":[]},{"name":"Bob","entityType":"person","observations":[]}]}""");
        const string knows = """{"relations":[{"from":"Ada","to":"Bob","relationType":"knows"}]}""";
        for (var round = 0; round < 3; round++)
        {
            // The same call again writes the same relations payload (both ends exist): each is a write of its own, not a retry.
            var created = (await _profile.CallAsync("create_relations", knows)).Structured();
            Assert.Single(created.GetProperty("relations").EnumerateArray());
            Assert.Single((await _profile.CallAsync("read_graph")).Structured().GetProperty("relations").EnumerateArray());
            await _profile.CallAsync("delete_relations", knows);
            Assert.Empty((await _profile.CallAsync("read_graph")).Structured().GetProperty("relations").EnumerateArray());
        }
    }

    [Fact]
    public async Task Another_users_profile_sees_none_of_alices_graph_and_its_deletes_and_adds_never_reach_it()
    {
        await _profile.CallAsync("create_entities", """{"entities":[{"name":"Ada","entityType":"person","observations":["likes tea"]}]}""");
        await _profile.CallAsync("create_relations", """{"relations":[{"from":"Ada","to":"Bob","relationType":"knows"}]}""");
        await using var bob = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(_server.BaseAddress, "/mcp/memory-server"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {await _server.CreateUserAsync("bob")}" },
        }));

        var bobsGraph = (await bob.CallAsync("read_graph")).Structured();
        Assert.Empty(bobsGraph.GetProperty("entities").EnumerateArray());
        Assert.Empty(bobsGraph.GetProperty("relations").EnumerateArray());
        Assert.Empty((await bob.CallAsync("open_nodes", """{"names":["Ada"]}""")).Structured().GetProperty("entities").EnumerateArray());
        Assert.Empty((await bob.CallAsync("search_nodes", """{"query":"tea"}""")).Structured().GetProperty("entities").EnumerateArray());
        // Alice's entity answers Bob exactly as a name nobody has.
        var added = await bob.CallAsync("add_observations", """{"observations":[{"entityName":"Ada","contents":["x"]}]}""");
        Assert.Equal("Entity with name Ada not found", McpConnections.Text(added));
        await bob.CallAsync("delete_entities", """{"entityNames":["Ada","Bob"]}""");
        await bob.CallAsync("delete_relations", """{"relations":[{"from":"Ada","to":"Bob","relationType":"knows"}]}""");
        // Bob's own Ada is his: created, not found among Alice's.
        var created = (await bob.CallAsync("create_entities", """{"entities":[{"name":"Ada","entityType":"robot","observations":[]}]}""")).Structured();
        Assert.Single(created.GetProperty("entities").EnumerateArray());

        var alices = (await _profile.CallAsync("read_graph")).Structured();
        var ada = Assert.Single(alices.GetProperty("entities").EnumerateArray());
        Assert.Equal("person", ada.GetProperty("entityType").GetString());
        Assert.Equal(["likes tea"], ada.GetProperty("observations").EnumerateArray().Select(o => o.GetString()!).ToArray());
        Assert.Single(alices.GetProperty("relations").EnumerateArray());
    }

    [Fact]
    public async Task Search_finds_what_the_reference_finds_and_words_in_any_order_folded_and_near_spellings()
    {
        await _profile.CallAsync("create_entities", """
            {"entities":[{"name":"Benjamin Weeks","entityType":"person","observations":["Café owner on Rue Lamarck"]},
                         {"name":"Carol","entityType":"person","observations":["plays the cello"]}]}
            """);
        async Task<string[]> Found(string query) =>
            (await _profile.CallAsync("search_nodes", JsonSerializer.Serialize(new Dictionary<string, string> { ["query"] = query })))
                .Structured().GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).Order().ToArray();

        Assert.Equal(["Benjamin Weeks"], await Found("jamin wee"));       // the reference's own substring match
        Assert.Equal(["Benjamin Weeks"], await Found("Ben Weeks"));       // words as starts of words
        Assert.Equal(["Benjamin Weeks"], await Found("weeks benjamin"));  // in any order
        Assert.Equal(["Benjamin Weeks"], await Found("cafe LAMARCK"));    // case and accents folded
        Assert.Equal(["Carol"], await Found("chello"));                   // a near spelling
        Assert.Equal(["Benjamin Weeks", "Carol"], await Found("person"));
        Assert.Empty(await Found("violin"));
        // The text a model reads keeps the characters, as the reference's JSON.stringify writes them (not "Caf\u00E9").
        var text = McpConnections.Text(await _profile.CallAsync("search_nodes", """{"query":"cafe"}"""));
        Assert.Contains("\"Café owner on Rue Lamarck\"", text);
    }
}

public sealed class MemoryServerProfileTestsOnSqlite : MemoryServerProfileTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class MemoryServerProfileTestsOnPostgres : MemoryServerProfileTests
{
    protected override Backend Backend => Backend.Postgres;
}
