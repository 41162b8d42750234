using System.Text.Json;
using ModelContextProtocol.Client;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Graph;

/// <summary>
/// Relation types a user declares in a schema (<c>relations</c>): the ends they allow, the inverse they are read by, and
/// one at a time, where a new relation ends the previous one as the built-in <c>works_at</c> does.
/// </summary>
public abstract class DeclaredRelationTypeTests : IAsyncLifetime
{
    private const string Employee = """
        {"entity_type":"employee","fields":{"name":{"type":"string"}},"canonical_name":["name"],
         "relations":{"assigned_to":{"to":["task"],"inverse":"staffed_by","one_at_a_time":true,"description":"The task someone works on now."}}}
        """;

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

    private async Task<string?> RegisterAsync(string schema)
    {
        var answer = await _client.CallAsync("register_schema", $$"""{"schema":{{schema}}}""");
        return answer.IsError == true ? answer.StructuredContent!.Value.GetProperty("code").GetString() + ": " + McpConnections.Text(answer) : null;
    }

    private async Task<JsonElement> RelationsAsync(string entityId, string type) =>
        (await _client.CallAsync("list_relations", $$"""{"entity_id":"{{entityId}}","relation_type":"{{type}}"}""")).Structured().GetProperty("relations");

    private static string Id(JsonElement stored, int index) => stored.GetProperty("entities")[index].GetProperty("entity_id").GetString()!;

    [Fact]
    public async Task A_declared_one_at_a_time_type_ends_the_previous_relation_and_is_read_backwards_by_its_inverse()
    {
        Assert.Null(await RegisterAsync(Employee));
        var stored = await StoreAsync("""
            {"entities":[{"entity_type":"employee","name":"Ada Lovelace"},{"entity_type":"task","title":"Write the notes"},
                         {"entity_type":"task","title":"Check the tables"}],
             "relations":[{"from":0,"relation_type":"assigned_to","to":1,"valid_from":"2020-01-01"}]}
            """);
        var (ada, notes, tables) = (Id(stored, 0), Id(stored, 1), Id(stored, 2));

        var moved = await StoreAsync($$"""{"entities":[],"relations":[{"from":"{{ada}}","relation_type":"assigned_to","to":"{{tables}}"}]}""");

        Assert.Equal(1, moved.GetProperty("relations")[0].GetProperty("ended").GetInt32());
        var now = Assert.Single((await RelationsAsync(ada, "assigned_to")).EnumerateArray());
        Assert.Equal(tables, now.GetProperty("to_entity_id").GetString());
        Assert.Equal("staffed_by", now.GetProperty("inverse").GetString());
        Assert.Equal("Ada Lovelace", Assert.Single((await RelationsAsync(tables, "staffed_by")).EnumerateArray()).GetProperty("from_name").GetString());
        Assert.Empty((await RelationsAsync(notes, "staffed_by")).EnumerateArray());
    }

    [Fact]
    public async Task A_declared_type_refuses_ends_it_does_not_allow_and_an_undeclared_one_stays_generic()
    {
        Assert.Null(await RegisterAsync(Employee));
        var stored = await StoreAsync("""
            {"entities":[{"entity_type":"employee","name":"Ada Lovelace"},{"entity_type":"task","title":"Write the notes"},
                         {"entity_type":"contact","name":"Charles Babbage","email":"charles@example.com"},{"entity_type":"task","title":"Check the tables"}]}
            """);
        var (ada, notes, charles, tables) = (Id(stored, 0), Id(stored, 1), Id(stored, 2), Id(stored, 3));

        var wrongTo = await _client.CallAsync("ingest_structured", ($$"""{"entities":[],"relations":[{"from":"{{ada}}","relation_type":"assigned_to","to":"{{charles}}"}]}"""));
        var wrongFrom = await _client.CallAsync("ingest_structured", ($$"""{"entities":[],"relations":[{"from":"{{charles}}","relation_type":"assigned_to","to":"{{notes}}"}]}"""));
        // A type no schema declares is generic: any ends, and many current at once.
        await StoreAsync($$"""{"entities":[],"relations":[{"from":"{{charles}}","relation_type":"reviews","to":"{{notes}}"},{"from":"{{charles}}","relation_type":"reviews","to":"{{tables}}"}]}""");

        Assert.Contains("points at task", McpConnections.Text(wrongTo));
        Assert.Contains("starts from employee", McpConnections.Text(wrongFrom));
        Assert.Equal("VALIDATION_FAILED", wrongFrom.StructuredContent!.Value.GetProperty("code").GetString());
        Assert.Empty((await RelationsAsync(notes, "staffed_by")).EnumerateArray());
        Assert.Equal(2, (await RelationsAsync(charles, "reviews")).GetArrayLength());
    }

    [Fact]
    public async Task A_schema_declaring_a_built_in_name_replaces_its_defaults_and_declarations_that_disagree_are_refused()
    {
        // Alice's works_at starts from her employees and holds many at once: the built-in contact → company, one at a time, is gone.
        Assert.Null(await RegisterAsync("""
            {"entity_type":"employee","fields":{"name":{"type":"string"}},"canonical_name":["name"],"relations":{"works_at":{"to":["company"],"inverse":"employs"}}}
            """));
        var stored = await StoreAsync("""
            {"entities":[{"entity_type":"employee","name":"Ada Lovelace"},{"entity_type":"company","name":"Analytical Engines"},
                         {"entity_type":"company","name":"Difference Works"},{"entity_type":"contact","name":"Charles Babbage","email":"charles@example.com"}],
             "relations":[{"from":0,"relation_type":"works_at","to":1},{"from":0,"relation_type":"works_at","to":2}]}
            """);
        var contactAtCompany = await _client.CallAsync("ingest_structured",
            ($$"""{"entities":[],"relations":[{"from":"{{Id(stored, 3)}}","relation_type":"works_at","to":"{{Id(stored, 1)}}"}]}"""));

        var disagrees = await RegisterAsync("""
            {"entity_type":"contractor","fields":{"name":{"type":"string"}},"canonical_name":["name"],"relations":{"works_at":{"to":["company"],"inverse":"employs","one_at_a_time":true}}}
            """);
        var takenInverse = await RegisterAsync("""
            {"entity_type":"intern","fields":{"name":{"type":"string"}},"canonical_name":["name"],"relations":{"studies_at":{"inverse":"employs"}}}
            """);
        var agrees = await RegisterAsync("""
            {"entity_type":"contractor","fields":{"name":{"type":"string"}},"canonical_name":["name"],"relations":{"works_at":{"to":["company"],"inverse":"employs"}}}
            """);

        Assert.Equal(0, stored.GetProperty("relations")[1].GetProperty("ended").GetInt32());
        Assert.Equal(2, (await RelationsAsync(Id(stored, 0), "works_at")).GetArrayLength());
        Assert.Contains("starts from employee", McpConnections.Text(contactAtCompany));
        Assert.StartsWith("VALIDATION_FAILED", disagrees);
        Assert.Contains("different inverse or one_at_a_time", disagrees);
        Assert.Contains("the inverse 'employs' is given to both 'studies_at' and 'works_at'", takenInverse);
        Assert.Null(agrees);
        var schemas = (await _client.CallAsync("list_schemas", "{}")).Structured().GetProperty("schemas").EnumerateArray()
            .Select(s => s.GetProperty("entity_type").GetString()).ToList();
        Assert.DoesNotContain("intern", schemas);
    }
}

public sealed class DeclaredRelationTypeTestsOnSqlite : DeclaredRelationTypeTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class DeclaredRelationTypeTestsOnPostgres : DeclaredRelationTypeTests
{
    protected override Backend Backend => Backend.Postgres;
}
