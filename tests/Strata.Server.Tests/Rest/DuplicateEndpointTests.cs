using System.Net;
using System.Text.Json;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Rest;

/// <summary>GET /v1/duplicates and POST /v1/duplicates/dismissals over the pairs a scan found.</summary>
public abstract class DuplicateEndpointTests : IAsyncLifetime
{
    protected abstract Backend Backend { get; }

    private RunningServer _server = null!;
    private HttpClient _client = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(backend: Backend, worker: false);
        _key = await _server.CreateUserAsync("alice");
        _client = _server.Client(_key);
        await (await _client.PostAsync("/v1/entities", HttpTesting.JsonBody(
            """{"entities":[{"entity_type":"company","name":"Globex Industries"},{"entity_type":"company","name":"Globex Industires"},{"entity_type":"company","name":"Initech"}]}"""))).JsonAsync();
        await _server.ScanDuplicatesAsync(_key);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_pair_with_similar_names_is_listed_with_its_score_and_reasons_and_nothing_is_merged()
    {
        var listed = await (await _client.GetAsync("/v1/duplicates?entity_type=company")).JsonAsync();
        var otherType = await (await _client.GetAsync("/v1/duplicates?entity_type=contact&include_total=true")).JsonAsync();
        var companies = await (await _client.GetAsync("/v1/entities?entity_type=company&include_total=true")).JsonAsync();

        var pair = Assert.Single(listed.GetProperty("duplicates").EnumerateArray());
        Assert.Equal("pending", pair.GetProperty("status").GetString());
        Assert.InRange(pair.GetProperty("score").GetDouble(), 0.95, 1.0);
        Assert.InRange(pair.GetProperty("reasons").GetProperty("name").GetDouble(), 0.95, 0.99);
        Assert.Equal(["Globex Industires", "Globex Industries"],
            new[] { Name(pair, "entity_a"), Name(pair, "entity_b") }.Order());
        Assert.Equal(0, otherType.GetProperty("total").GetInt32());
        Assert.Equal(3, companies.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_dismissed_pair_leaves_the_default_list_stays_listable_and_dismissing_again_changes_nothing()
    {
        var pair = (await (await _client.GetAsync("/v1/duplicates")).JsonAsync()).GetProperty("duplicates")[0];
        var body = $$"""{"entity_a":"{{Id(pair, "entity_b")}}","entity_b":"{{Id(pair, "entity_a")}}"}""";

        var dismissed = await (await _client.PostAsync("/v1/duplicates/dismissals", HttpTesting.JsonBody(body))).JsonAsync();
        var again = await (await _client.PostAsync("/v1/duplicates/dismissals", HttpTesting.JsonBody(body))).JsonAsync();
        await _server.ScanDuplicatesAsync(_key);
        var pending = await (await _client.GetAsync("/v1/duplicates?include_total=true")).JsonAsync();
        var all = await (await _client.GetAsync("/v1/duplicates?include_dismissed=true")).JsonAsync();

        Assert.Equal("dismissed", dismissed.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, dismissed.GetProperty("dismissed_at").ValueKind);
        Samples.AssertSameJson(dismissed.GetRawText(), again.GetRawText());
        Assert.Equal(0, pending.GetProperty("total").GetInt32());
        Assert.Equal("dismissed", Assert.Single(all.GetProperty("duplicates").EnumerateArray()).GetProperty("status").GetString());
    }

    private static string? Id(JsonElement pair, string side) => pair.GetProperty(side).GetProperty("entity_id").GetString();

    private static string? Name(JsonElement pair, string side) => pair.GetProperty(side).GetProperty("canonical_name").GetString();
}

public sealed class DuplicateEndpointTestsOnSqlite : DuplicateEndpointTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class DuplicateEndpointTestsOnPostgres : DuplicateEndpointTests
{
    protected override Backend Backend => Backend.Postgres;
}
