using System.Net;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Rest;

public abstract class AuthenticationTests
{
    protected abstract Backend Backend { get; }

    [Theory]
    [InlineData("/v1/sources")]
    [InlineData("/v1/entities")]
    [InlineData("/v1/schemas")]
    [InlineData("/mcp")]
    public async Task A_request_without_a_key_is_refused_with_401_and_says_how_to_get_one(string path)
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        using var client = server.Client(apiKey: null);

        var response = await client.GetAsync(path);

        Assert.Equal("UNAUTHORIZED", await response.ProblemCodeAsync(HttpStatusCode.Unauthorized));
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("strata users create", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("strata_not-a-real-key")]
    [InlineData("something-else")]
    public async Task A_request_with_a_wrong_key_is_refused_with_401(string key)
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        await server.CreateUserAsync("alice");
        using var client = server.Client(key);

        var response = await client.GetAsync("/v1/sources?include_total=true");

        Assert.Equal("UNAUTHORIZED", await response.ProblemCodeAsync(HttpStatusCode.Unauthorized));
        Assert.Contains("not valid", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_valid_key_acts_as_its_owner()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        using var client = server.Client(key);

        var uploaded = await (await client.UploadAsync(Samples.PeopleCsv, "filename=people.csv")).JsonAsync(HttpStatusCode.Created);
        var alice = (await server.Services.Users.ListAsync(CancellationToken.None)).Users.Single(u => u.Name == "alice");
        var asAlice = await server.Services.Sources.GetSourceAsync(alice.UserId, uploaded.GetProperty("source_id").GetString()!, CancellationToken.None);

        Assert.Equal("people.csv", asAlice.OriginalFilename);
    }

    [Fact]
    public async Task Health_metrics_and_the_OpenAPI_document_need_no_key()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        using var client = server.Client(apiKey: null);

        var health = await (await client.GetAsync("/health")).JsonAsync();
        var openApi = await (await client.GetAsync("/openapi.json")).JsonAsync();
        using var metrics = await client.GetAsync("/metrics");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("3.1.0", openApi.GetProperty("openapi").GetString());
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("# TYPE strata_merges_total counter", await metrics.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/v1/usage")]
    [InlineData("/v1/duplicates")]
    public async Task The_usage_and_duplicate_endpoints_need_a_key(string path)
    {
        await using var server = await RunningServer.StartAsync(backend: Backend, worker: false);
        using var client = server.Client(apiKey: null);

        Assert.Equal("UNAUTHORIZED", await (await client.GetAsync(path)).ProblemCodeAsync(HttpStatusCode.Unauthorized));
    }
}

public sealed class AuthenticationTestsOnSqlite : AuthenticationTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class AuthenticationTestsOnPostgres : AuthenticationTests
{
    protected override Backend Backend => Backend.Postgres;
}
