using System.Net;
using System.Text.Json;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Rest;

/// <summary>Lists over REST page by the query parameter cursor; a total only when include_total asks for it.</summary>
public abstract class ListPagingTests : IAsyncLifetime
{
    protected abstract Backend Backend { get; }

    private RunningServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(backend: Backend);
        _client = _server.Client(await _server.CreateUserAsync("alice"));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Every_entity_is_on_exactly_one_page_and_the_last_page_has_no_next_cursor()
    {
        var names = Enumerable.Range(0, 7).Select(i => $$"""{"entity_type":"contact","name":"Person {{i}}","email":"p{{i}}@example.com"}""");
        await (await _client.PostAsync("/v1/entities", HttpTesting.JsonBody($$"""{"entities":[{{string.Join(',', names)}}]}"""))).JsonAsync();

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await _client.GetAsync("/v1/entities?limit=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))).JsonAsync();
            seen.AddRange(page.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("entity_id").GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        var counted = await (await _client.GetAsync("/v1/entities?limit=3&include_total=true")).JsonAsync();

        Assert.Equal(7, seen.Count);
        Assert.Equal(7, seen.Distinct().Count());
        Assert.Equal(7, counted.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/v1/entities?cursor=garbage")]
    [InlineData("/v1/sources?cursor=garbage")]
    [InlineData("/v1/runs?cursor=garbage")]
    public async Task A_cursor_that_is_not_one_is_400_VALIDATION_FAILED(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal("VALIDATION_FAILED", await response.ProblemCodeAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Without_include_total_the_total_is_null()
    {
        var page = await (await _client.GetAsync("/v1/sources")).JsonAsync();

        Assert.Equal(JsonValueKind.Null, page.GetProperty("total").ValueKind);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next_cursor").ValueKind);
    }
}

public sealed class ListPagingTestsOnSqlite : ListPagingTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class ListPagingTestsOnPostgres : ListPagingTests
{
    protected override Backend Backend => Backend.Postgres;
}
