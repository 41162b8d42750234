using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Strata.Core.Users;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.OAuth;

/// <summary>Strata as an OAuth 2.1 resource server, against a real token issuer on 127.0.0.1: what is accepted, what is
/// refused with which status and header, and which user a token becomes.</summary>
public abstract class OAuthResourceServerTests : IAsyncLifetime
{
    /// <summary>A resource URI with a path, so the metadata is also served at its RFC 9728 path-suffixed address.</summary>
    public const string Resource = "https://strata.example/mcp";

    private const string MetadataLink = "resource_metadata=\"https://strata.example/.well-known/oauth-protected-resource/mcp\"";

    private TestAuthorizationServer _issuer = null!;
    private TestAuthorizationServer _otherIssuer = null!;
    private RunningServer _server = null!;

    protected abstract Backend Backend { get; }

    public async Task InitializeAsync()
    {
        _issuer = await TestAuthorizationServer.StartAsync();
        _otherIssuer = await TestAuthorizationServer.StartAsync();
        _server = await RunningServer.StartAsync(backend: Backend, oauth: _issuer.Settings(Resource, _otherIssuer));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _issuer.DisposeAsync();
        await _otherIssuer.DisposeAsync();
    }

    [Theory]
    [InlineData("/.well-known/oauth-protected-resource")]
    [InlineData("/.well-known/oauth-protected-resource/mcp")]
    public async Task The_protected_resource_metadata_names_the_resource_its_issuers_and_scopes_without_a_credential(string path)
    {
        using var client = _server.Client(apiKey: null);

        var metadata = await (await client.GetAsync(path)).JsonAsync();

        Assert.Equal(Resource, metadata.GetProperty("resource").GetString());
        Assert.Equal([_issuer.Issuer, _otherIssuer.Issuer], metadata.GetProperty("authorization_servers").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["strata:read", "strata:write"], metadata.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["header"], metadata.GetProperty("bearer_methods_supported").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [InlineData("/v1/sources")]
    [InlineData("/mcp")]
    public async Task No_credential_is_answered_401_with_a_link_to_the_metadata(string path)
    {
        using var client = _server.Client(apiKey: null);

        var response = await client.GetAsync(path);

        Assert.Equal("UNAUTHORIZED", await response.ProblemCodeAsync(HttpStatusCode.Unauthorized));
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("Bearer ", challenge);
        Assert.Contains(MetadataLink, challenge);
        Assert.DoesNotContain("error=", challenge);
    }

    public static TheoryData<string, string> RefusedTokens => new()
    {
        { "wrong audience", "not meant for this server" },
        { "expired", "expired" },
        { "not yet valid", "not valid before" },
        { "wrong issuer", "does not trust" },
        { "wrong signature", "signature does not verify" },
        { "alg none", "not signed" },
        { "HS256 with the public key", "algorithm" },
        { "not a JWT", "not a well-formed JWT" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_token_wrong_in_one_respect_is_refused_with_401_invalid_token_and_the_metadata_link(string wrong, string said)
    {
        var now = DateTimeOffset.UtcNow;
        using var stranger = RSA.Create(2048);
        var token = wrong switch
        {
            "wrong audience" => _issuer.Issue("ada", "https://other.example/mcp", "strata:write"),
            "expired" => _issuer.Issue("ada", Resource, "strata:write", expires: now.AddMinutes(-10), notBefore: now.AddHours(-1)),
            "not yet valid" => _issuer.Issue("ada", Resource, "strata:write", expires: now.AddHours(2), notBefore: now.AddHours(1)),
            "wrong issuer" => _issuer.Issue("ada", Resource, "strata:write", issuer: "https://evil.example"),
            "wrong signature" => _issuer.Issue("ada", Resource, "strata:write", signWith: stranger),
            "alg none" => _issuer.Unsigned("ada", Resource, "strata:write"),
            "HS256 with the public key" => await HmacWithPublicKeyAsync(),
            _ => "a.b.c",
        };
        using var client = _server.Client(token);

        var response = await client.GetAsync("/v1/sources");

        Assert.Equal("UNAUTHORIZED", await response.ProblemCodeAsync(HttpStatusCode.Unauthorized));
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains(MetadataLink, challenge);
        Assert.Contains("error=\"invalid_token\"", challenge);
        Assert.True(challenge.Contains(said, StringComparison.Ordinal), challenge);
        Assert.Empty((await _server.Services.Users.ListAsync(CancellationToken.None)).Users);
    }

    [Fact]
    public async Task A_token_without_a_strata_scope_is_refused_with_403_insufficient_scope()
    {
        using var client = _server.Client(_issuer.Issue("ada", Resource, "openid profile"));

        var response = await client.GetAsync("/v1/sources");

        Assert.Equal("INSUFFICIENT_SCOPE", await response.ProblemCodeAsync(HttpStatusCode.Forbidden));
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"insufficient_scope\"", challenge);
        Assert.Contains("scope=\"strata:read\"", challenge);
        Assert.Contains(MetadataLink, challenge);
    }

    [Fact]
    public async Task A_read_only_token_reads_but_its_writes_are_refused_with_403_on_REST_and_MCP()
    {
        var token = _issuer.Issue("ada", Resource, "strata:read");
        using var client = _server.Client(token);

        Assert.Equal(0, (await (await client.GetAsync("/v1/sources?include_total=true")).JsonAsync()).GetProperty("total").GetInt32());
        var upload = await client.UploadAsync(Samples.PeopleCsv, "filename=people.csv");
        Assert.Equal("INSUFFICIENT_SCOPE", await upload.ProblemCodeAsync(HttpStatusCode.Forbidden));
        Assert.Contains("scope=\"strata:write\"", upload.Headers.WwwAuthenticate.ToString());
        var store = await client.PostAsync("/v1/entities", HttpTesting.JsonBody($$"""{"entities":{{Samples.StructuredEntities}}}"""));
        Assert.Equal("INSUFFICIENT_SCOPE", await store.ProblemCodeAsync(HttpStatusCode.Forbidden));

        await using var mcp = await McpConnections.OverHttpAsync(_server, token);
        Assert.Equal(0, (await mcp.CallAsync("list_sources")).Structured().GetProperty("sources").GetArrayLength());
        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            mcp.CallAsync("ingest_structured", $$"""{"entities":{{Samples.StructuredEntities}}}"""));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var ada = (await _server.Services.Users.ListAsync(CancellationToken.None)).Users.Single();
        Assert.Equal(0, (await _server.Services.Entities.RetrieveAsync(ada.UserId, null, null, false, false, new Strata.Core.Paging(IncludeTotal: true), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task A_read_only_token_reads_the_memory_server_profile_but_its_writes_are_refused_with_403()
    {
        var token = _issuer.Issue("ada", Resource, "strata:read");
        await using var profile = await ModelContextProtocol.Client.McpClient.CreateAsync(new ModelContextProtocol.Client.HttpClientTransport(
            new ModelContextProtocol.Client.HttpClientTransportOptions
            {
                Endpoint = new Uri(_server.BaseAddress, "/mcp/memory-server"),
                TransportMode = ModelContextProtocol.Client.HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            }));

        var graph = await profile.CallToolAsync("read_graph", new Dictionary<string, object?>());
        Assert.NotEqual(true, graph.IsError);
        foreach (var (tool, arguments) in new (string, Dictionary<string, object?>)[]
        {
            ("create_entities", new() { ["entities"] = new[] { new { name = "Ada", entityType = "person", observations = new[] { "writes" } } } }),
            ("delete_entities", new() { ["entityNames"] = new[] { "Ada" } }),
        })
        {
            var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => profile.CallToolAsync(tool, arguments).AsTask());
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        var ada = (await _server.Services.Users.ListAsync(CancellationToken.None)).Users.Single();
        Assert.Equal(0, (await _server.Services.Entities.RetrieveAsync(ada.UserId, null, null, false, false, new Strata.Core.Paging(IncludeTotal: true), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task A_write_token_acts_as_its_own_user_created_on_first_use_and_named_by_issuer_and_subject()
    {
        var token = _issuer.Issue("ada", Resource, "strata:read strata:write");
        using var client = _server.Client(token);

        var uploaded = await (await client.UploadAsync(Samples.PeopleCsv, "filename=people.csv")).JsonAsync(HttpStatusCode.Created);
        await (await client.GetAsync("/v1/sources")).JsonAsync();

        var user = Assert.Single((await _server.Services.Users.ListAsync(CancellationToken.None)).Users);
        Assert.StartsWith(UserService.TokenUserPrefix, user.Name);
        Assert.EndsWith(":ada", user.Name);
        var source = await _server.Services.Sources.GetSourceAsync(user.UserId, uploaded.GetProperty("source_id").GetString()!, CancellationToken.None);
        Assert.Equal("people.csv", source.OriginalFilename);
    }

    [Fact]
    public async Task A_token_never_becomes_a_key_user_or_another_issuers_user_of_the_same_name()
    {
        var aliceKey = await _server.CreateUserAsync("alice");
        using var keyAlice = _server.Client(aliceKey);
        using var tokenAlice = _server.Client(_issuer.Issue("alice", Resource, "strata:write"));
        using var otherAlice = _server.Client(_otherIssuer.Issue("alice", Resource, "strata:write"));

        var sourceId = (await (await tokenAlice.UploadAsync(Samples.PeopleCsv, "filename=people.csv")).JsonAsync(HttpStatusCode.Created))
            .GetProperty("source_id").GetString()!;

        foreach (var other in new[] { keyAlice, otherAlice })
        {
            Assert.Equal(0, (await (await other.GetAsync("/v1/sources?include_total=true")).JsonAsync()).GetProperty("total").GetInt32());
            var theirs = await other.GetAsync($"/v1/sources/{sourceId}");
            var missing = await other.GetAsync("/v1/sources/src_000000000000000000000000");
            Assert.Equal("SOURCE_NOT_FOUND", await theirs.ProblemCodeAsync(HttpStatusCode.NotFound));
            Assert.Equal((await missing.Content.ReadAsStringAsync()).Replace("src_000000000000000000000000", "<id>"),
                (await theirs.Content.ReadAsStringAsync()).Replace(sourceId, "<id>"));
        }
        var users = (await _server.Services.Users.ListAsync(CancellationToken.None)).Users;
        Assert.Equal(3, users.Count);
        Assert.Equal(3, users.Select(u => u.UserId).Distinct().Count());
        var refused = await Assert.ThrowsAsync<Strata.Core.Errors.StrataException>(() =>
            _server.Services.Users.CreateAsync(users.First(u => u.Name.StartsWith(UserService.TokenUserPrefix, StringComparison.Ordinal)).Name, null, CancellationToken.None));
        Assert.Equal("VALIDATION_FAILED", refused.Code);
    }

    [Fact]
    public async Task Two_token_users_over_MCP_see_only_their_own_things()
    {
        await using var ada = await McpConnections.OverHttpAsync(_server, _issuer.Issue("ada", Resource, "strata:write"));
        await using var bob = await McpConnections.OverHttpAsync(_server, _issuer.Issue("bob", Resource, "strata:write"));

        var stored = (await ada.CallAsync("ingest_structured", $$"""{"entities":{{Samples.StructuredEntities}}}""")).Structured();
        var entityId = stored.GetProperty("entities")[0].GetProperty("entity_id").GetString()!;

        var theirs = await bob.CallAsync("get_entity_snapshot", $$"""{"entity_id":"{{entityId}}"}""");
        var missing = await bob.CallAsync("get_entity_snapshot", """{"entity_id":"ent_000000000000000000000000"}""");
        Assert.True(theirs.IsError);
        Assert.Equal(McpConnections.Text(missing).Replace("ent_000000000000000000000000", "<id>"), McpConnections.Text(theirs).Replace(entityId, "<id>"));
        Assert.Equal(0, (await bob.CallAsync("retrieve_entities", "{}")).Structured().GetProperty("entities").GetArrayLength());
        Assert.NotEqual(0, (await ada.CallAsync("retrieve_entities", "{}")).Structured().GetProperty("entities").GetArrayLength());
    }

    [Fact]
    public async Task API_keys_keep_working_beside_tokens()
    {
        using var client = _server.Client(await _server.CreateUserAsync("carol"));

        await (await client.UploadAsync(Samples.PeopleCsv, "filename=people.csv")).JsonAsync(HttpStatusCode.Created);
        var wrongKey = await _server.Client("strata_not-a-real-key").GetAsync("/v1/sources");
        Assert.Equal("UNAUTHORIZED", await wrongKey.ProblemCodeAsync(HttpStatusCode.Unauthorized));
        Assert.Contains(MetadataLink, wrongKey.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Many_first_requests_of_one_new_token_at_once_make_one_user()
    {
        var token = _issuer.Issue("dora", Resource, "strata:write");
        using var start = new Barrier(8);
        var requests = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            using var client = _server.Client(token);
            start.SignalAndWait();
            return await client.GetAsync("/v1/sources");
        })).ToList();

        foreach (var response in await Task.WhenAll(requests)) await response.JsonAsync();
        Assert.Single((await _server.Services.Users.ListAsync(CancellationToken.None)).Users);
    }

    /// <summary>The classic key-confusion attack: the issuer's public key used as an HMAC secret.</summary>
    private async Task<string> HmacWithPublicKeyAsync()
    {
        using var client = new HttpClient();
        var jwks = await client.GetStringAsync(_issuer.Issuer + "/jwks");
        return _issuer.IssueWithKey("ada", Resource, "strata:write", new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(jwks)), SecurityAlgorithms.HmacSha256);
    }
}

public sealed class OAuthResourceServerTestsOnSqlite : OAuthResourceServerTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class OAuthResourceServerTestsOnPostgres : OAuthResourceServerTests
{
    protected override Backend Backend => Backend.Postgres;
}
