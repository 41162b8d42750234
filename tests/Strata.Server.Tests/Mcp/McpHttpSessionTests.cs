using System.Net;
using Strata.Server.Mcp.Http;
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
    public async Task An_idle_session_is_closed_and_a_used_one_is_kept()
    {
        var store = _server.Get<McpSessionStore>();
        var idle = await RawMcpHttp.OpenSessionAsync(_http, _alice);
        var used = await RawMcpHttp.OpenSessionAsync(_http, _alice);
        var opened = TimeProvider.System.GetUtcNow();
        // The cutoff must lie strictly after both sessions opened and before the used one's next request.
        var cutoff = opened;
        while (cutoff <= opened)
        {
            await Task.Delay(1);
            cutoff = TimeProvider.System.GetUtcNow();
        }
        using (var use = await _http.SendAsync(RawMcpHttp.Post(RawMcpHttp.ListTools, _alice, used)))
        {
            Assert.Equal(HttpStatusCode.OK, use.StatusCode);
        }

        var keptWhileRecent = await store.CloseIdleAsync(cutoff, TimeSpan.FromMinutes(30));
        var closedLater = await store.CloseIdleAsync(cutoff.AddMinutes(30), TimeSpan.FromMinutes(30));
        using var idleAfter = await _http.SendAsync(RawMcpHttp.Post(RawMcpHttp.ListTools, _alice, idle));
        using var usedAfter = await _http.SendAsync(RawMcpHttp.Post(RawMcpHttp.ListTools, _alice, used));

        Assert.Equal(0, keptWhileRecent);
        Assert.Equal(1, closedLater);
        Assert.Equal(HttpStatusCode.NotFound, idleAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, usedAfter.StatusCode);
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
