using System.Net;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Mcp;

public abstract class McpHttpSessionTests : IAsyncLifetime
{
    protected abstract Backend Backend { get; }

    private RunningServer _server = null!;
    private HttpClient _http = null!;
    private string _alice = null!;
    private string _bob = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(backend: Backend);
        _http = _server.Client(apiKey: null);
        _alice = await _server.CreateUserAsync("alice");
        _bob = await _server.CreateUserAsync("bob");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_session_opened_with_one_users_key_refuses_another_users_key()
    {
        var session = await RawMcpHttp.OpenSessionAsync(_http, _alice);

        using var post = await _http.SendAsync(RawMcpHttp.Post(RawMcpHttp.ListTools, _bob, session));
        using var get = await _http.SendAsync(RawMcpHttp.Send(HttpMethod.Get, _bob, session));
        using var delete = await _http.SendAsync(RawMcpHttp.Send(HttpMethod.Delete, _bob, session));
        using var owner = await _http.SendAsync(RawMcpHttp.Post(RawMcpHttp.ListTools, _alice, session));

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Contains("\"ingest_structured\"", await owner.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_session_cannot_be_used_without_a_key()
    {
        var session = await RawMcpHttp.OpenSessionAsync(_http, _alice);
        var request = RawMcpHttp.Post(RawMcpHttp.ListTools, _alice, session);
        request.Headers.Authorization = null;

        using var response = await _http.SendAsync(request);

        Assert.Equal("UNAUTHORIZED", await response.ProblemCodeAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task An_unknown_session_is_404()
    {
        using var response = await _http.SendAsync(RawMcpHttp.Post(RawMcpHttp.ListTools, _alice, "no-such-session"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_request_other_than_initialize_needs_a_session()
    {
        using var response = await _http.SendAsync(RawMcpHttp.Post(RawMcpHttp.ListTools, _alice));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
    }

    [Fact]
    public async Task A_client_that_does_not_accept_event_streams_is_406()
    {
        var request = RawMcpHttp.Post(RawMcpHttp.Initialize, _alice);
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_session_ends_it()
    {
        var session = await RawMcpHttp.OpenSessionAsync(_http, _alice);

        using var delete = await _http.SendAsync(RawMcpHttp.Send(HttpMethod.Delete, _alice, session));
        using var after = await _http.SendAsync(RawMcpHttp.Post(RawMcpHttp.ListTools, _alice, session));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task An_idle_session_is_closed_and_one_with_an_open_stream_is_kept()
    {
        // A one-second idle timeout; what keeps the other session is its open GET stream, not how fast the test runs.
        await using var server = await RunningServer.StartAsync(worker: false, mcpSessionIdleTimeout: TimeSpan.FromSeconds(1));
        using var http = server.Client(apiKey: null);
        var alice = await server.CreateUserAsync("alice");
        var bob = await server.CreateUserAsync("bob");
        var idle = await RawMcpHttp.OpenSessionAsync(http, alice);
        var listening = await RawMcpHttp.OpenSessionAsync(http, alice);
        using var stream = await http.SendAsync(RawMcpHttp.Send(HttpMethod.Get, alice, listening), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);

        // Bob's key is refused (403) without counting as the session's activity, so asking with it shows when the idle
        // session is gone (404) without keeping it alive. The transport looks for idle sessions every few seconds.
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        HttpStatusCode idleAnswer;
        while ((idleAnswer = await StatusAsync(http, RawMcpHttp.Post(RawMcpHttp.ListTools, bob, idle), hangGuard.Token)) == HttpStatusCode.Forbidden)
        {
            await Task.Delay(100, hangGuard.Token);
        }
        var listeningAnswer = await StatusAsync(http, RawMcpHttp.Post(RawMcpHttp.ListTools, alice, listening), hangGuard.Token);

        Assert.Equal(HttpStatusCode.NotFound, idleAnswer);
        Assert.Equal(HttpStatusCode.OK, listeningAnswer);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_POST_stream_of_a_2025_11_25_session_opens_with_a_priming_event_that_carries_retry()
    {
        var initialize = RawMcpHttp.Initialize.Replace("2025-06-18", "2025-11-25", StringComparison.Ordinal);
        using var opened = await _http.SendAsync(RawMcpHttp.Post(initialize, _alice));
        var session = Assert.Single(opened.Headers.GetValues("Mcp-Session-Id"));

        var request = RawMcpHttp.Post(RawMcpHttp.ListTools, _alice, session);
        // What a client sends after initialize: the revision it negotiated.
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        using var list = await _http.SendAsync(request);
        var stream = await list.Content.ReadAsStringAsync();
        var firstEvent = stream.Split("\n\n")[0];

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.True(firstEvent.Contains("retry:", StringComparison.Ordinal), stream);
        Assert.Contains("id:", firstEvent);
        Assert.DoesNotContain("ingest_structured", firstEvent);
        Assert.Contains("\"ingest_structured\"", stream);
    }
}

public sealed class McpHttpSessionTestsOnSqlite : McpHttpSessionTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class McpHttpSessionTestsOnPostgres : McpHttpSessionTests
{
    protected override Backend Backend => Backend.Postgres;
}
