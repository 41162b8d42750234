using System.Net;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Web;

/// <summary>
/// The web page's sessions and their walls, on both databases: a key starts a session kept server-side by its hash,
/// the cookie is HttpOnly and SameSite=Strict and holds no key, signing out or revoking the key ends it, the cookie
/// opens no /v1 door and a bearer key no page, and a page write without the session's token (or from another site)
/// is refused and changes nothing.
/// </summary>
public abstract class WebSessionTests
{
    protected abstract Backend Backend { get; }

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Without_a_session_the_root_is_the_sign_in_page_under_a_strict_content_security_policy()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        using var browser = new PageBrowser(server);

        var response = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\" action=\"/sign-in\">", html);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("style-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        // Nothing inline for the policy to have to allow: every script has a src, no element has a style attribute.
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)", html);
        Assert.DoesNotContain(" style=", html);
        Assert.DoesNotContain("<style", html);
        var script = await browser.GetAsync("/assets/grid.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Signing_in_sets_an_http_only_strict_cookie_holding_a_random_id_whose_hash_alone_is_stored()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        using var browser = new PageBrowser(server);

        var response = await browser.SignInAsync(key);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var cookie = browser.SetCookie!.ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.DoesNotContain(key.ToLowerInvariant(), cookie);
        Assert.True(browser.SessionId!.Length >= 43, "the session id is 256 random bits");
        Assert.Contains(">alice</span>", await browser.PageAsync("/"));
        var stored = await RowsAsync(server, "SELECT session_hash, user_id, key_id FROM web_sessions");
        var row = Assert.Single(stored);
        Assert.DoesNotContain(row, value => value.Contains(browser.SessionId) || value.Contains(key));
        Assert.Equal(64, row[0].Length);
    }

    [Fact]
    public async Task A_wrong_key_shows_the_sign_in_page_again_and_starts_no_session()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        await server.CreateUserAsync("alice");
        using var browser = new PageBrowser(server);

        var response = await browser.SignInAsync("strata_not-a-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not valid or was revoked", await response.Content.ReadAsStringAsync());
        Assert.Null(browser.SetCookie);
        Assert.Empty(await RowsAsync(server, "SELECT session_hash FROM web_sessions"));
    }

    [Fact]
    public async Task The_session_cookie_opens_no_rest_door_and_a_bearer_key_opens_no_page()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        using var browser = new PageBrowser(server);
        await browser.SignInAsync(key);

        Assert.Equal("UNAUTHORIZED", await (await browser.GetAsync("/v1/projects")).ProblemCodeAsync(HttpStatusCode.Unauthorized));
        Assert.Equal("UNAUTHORIZED", await (await browser.SendAsync(HttpMethod.Post, "/v1/projects",
            new StringContent("{\"name\":\"x\"}", System.Text.Encoding.UTF8, "application/json"))).ProblemCodeAsync(HttpStatusCode.Unauthorized));
        Assert.Equal("UNAUTHORIZED", await (await browser.GetAsync("/mcp")).ProblemCodeAsync(HttpStatusCode.Unauthorized));

        using var bearer = new PageBrowser(server);
        var page = await bearer.SendAsync(HttpMethod.Get, "/", null, r => r.Headers.Authorization = new("Bearer", key));
        Assert.Contains("action=\"/sign-in\"", await page.Content.ReadAsStringAsync());
        var values = await bearer.SendAsync(HttpMethod.Get, "/page-api/runs/run_x/values", null, r => r.Headers.Authorization = new("Bearer", key));
        Assert.Equal("UNAUTHORIZED", await values.ProblemCodeAsync(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_for_good()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        using var browser = new PageBrowser(server);
        await browser.SignInAsync(key);
        var token = await browser.CsrfTokenAsync();

        var response = await browser.SendAsync(HttpMethod.Post, "/sign-out", new FormUrlEncodedContent([KeyValuePair.Create("csrf", token)]));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains("strata_session=;", response.Headers.GetValues("Set-Cookie").Single());
        // The browser may keep the old cookie: the server no longer honours it.
        Assert.Contains("action=\"/sign-in\"", await browser.PageAsync("/"));
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.GetAsync("/projects/anything")).StatusCode);
    }

    [Fact]
    public async Task Revoking_the_key_ends_the_sessions_it_opened_and_no_other()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        await server.CreateUserAsync("alice");
        var laptop = await server.Services.Users.CreateKeyAsync("alice", "laptop", None);
        var desktop = await server.Services.Users.CreateKeyAsync("alice", "desktop", None);
        using var onLaptop = new PageBrowser(server);
        using var onDesktop = new PageBrowser(server);
        await onLaptop.SignInAsync(laptop.ApiKey);
        await onDesktop.SignInAsync(desktop.ApiKey);

        await server.Services.Users.RevokeKeyAsync("alice", laptop.KeyId, None);

        Assert.Contains("action=\"/sign-in\"", await onLaptop.PageAsync("/"));
        Assert.Contains(">alice</span>", await onDesktop.PageAsync("/"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await new PageBrowser(server).SignInAsync(laptop.ApiKey)).StatusCode);
    }

    [Fact]
    public async Task A_forged_post_without_the_token_or_from_another_site_is_refused_and_changes_nothing()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        using var browser = new PageBrowser(server);
        await browser.SignInAsync(key);
        var token = await browser.CsrfTokenAsync();

        var noToken = await browser.SendAsync(HttpMethod.Post, "/sign-out", new FormUrlEncodedContent([]));
        var wrongToken = await browser.SendAsync(HttpMethod.Post, "/sign-out", new FormUrlEncodedContent([KeyValuePair.Create("csrf", new string('0', 64))]));
        var otherSite = await browser.SendAsync(HttpMethod.Post, "/sign-out", new FormUrlEncodedContent([KeyValuePair.Create("csrf", token)]),
            r => r.Headers.Add("Origin", "https://evil.example"));
        var crossSiteFetch = await browser.SendAsync(HttpMethod.Post, "/page-api/runs/run_x/confirm-all", null, r =>
        {
            r.Headers.Add("X-CSRF-Token", token);
            r.Headers.Add("Sec-Fetch-Site", "cross-site");
        });
        var scriptWithoutToken = await browser.SendAsync(HttpMethod.Post, "/page-api/runs/run_x/values/0/confirm", null);
        var bulkWithoutToken = await browser.SendAsync(HttpMethod.Post, "/page-api/runs/run_x/matching/reject", new StringContent("{}"));
        var signInFromElsewhere = await new PageBrowser(server).SendAsync(HttpMethod.Post, "/sign-in",
            new FormUrlEncodedContent([KeyValuePair.Create("api_key", key)]), r => r.Headers.Add("Origin", "https://evil.example"));

        foreach (var refused in new[] { noToken, wrongToken, otherSite, crossSiteFetch, scriptWithoutToken, bulkWithoutToken, signInFromElsewhere })
        {
            Assert.Equal("CSRF_REFUSED", await refused.ProblemCodeAsync(HttpStatusCode.Forbidden));
        }
        Assert.Contains(">alice</span>", await browser.PageAsync("/"));
        Assert.Single(await RowsAsync(server, "SELECT session_hash FROM web_sessions"));
    }

    [Fact]
    public async Task Sign_ins_and_sign_outs_racing_on_one_key_each_get_their_own_session_and_end_only_their_own()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        var browsers = Enumerable.Range(0, 12).Select(_ => new PageBrowser(server)).ToList();
        using var start = new Barrier(browsers.Count);

        await Task.WhenAll(browsers.Select(b => Task.Run(async () =>
        {
            start.SignalAndWait();
            Assert.Equal(HttpStatusCode.SeeOther, (await b.SignInAsync(key)).StatusCode);
        })));
        Assert.Equal(browsers.Count, browsers.Select(b => b.SessionId).Distinct().Count());
        var leaving = browsers.Take(6).ToList();
        var tokens = await Task.WhenAll(leaving.Select(b => b.CsrfTokenAsync()));
        using var leave = new Barrier(leaving.Count);
        await Task.WhenAll(leaving.Select((b, i) => Task.Run(async () =>
        {
            leave.SignalAndWait();
            await b.SendAsync(HttpMethod.Post, "/sign-out", new FormUrlEncodedContent([KeyValuePair.Create("csrf", tokens[i])]));
        })));

        foreach (var b in leaving) Assert.Contains("action=\"/sign-in\"", await b.PageAsync("/"));
        foreach (var b in browsers.Skip(6)) Assert.Contains(">alice</span>", await b.PageAsync("/"));
        Assert.Equal(browsers.Count, (await RowsAsync(server, "SELECT session_hash FROM web_sessions")).Count);
        browsers.ForEach(b => b.Dispose());
    }

    [Fact]
    public async Task Another_users_project_in_a_page_url_answers_as_a_missing_one()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var (browser, bobs) = await AliceBesideBobsProjectAsync(server);
        using var _ = browser;

        var theirs = await browser.GetAsync($"/projects/{bobs}");
        var missing = await browser.GetAsync("/projects/prj_000000000000000000000000");

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(missing.StatusCode, theirs.StatusCode);
        var (theirText, missingText) = (await theirs.Content.ReadAsStringAsync(), await missing.Content.ReadAsStringAsync());
        Assert.Contains("PROJECT_NOT_FOUND", theirText);
        Assert.DoesNotContain("Bob", theirText);
        Assert.Equal(missingText.Replace("prj_000000000000000000000000", "ID"), theirText.Replace(bobs, "ID"));
    }

    [Fact]
    public async Task The_live_status_stream_sends_the_projects_answers_and_ends_when_the_key_is_revoked()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        var project = await server.Services.Projects.CreateAsync((await server.Services.Users.AuthenticateAsync(key, None))!.Id, "Leases", None);
        using var browser = new PageBrowser(server);
        await browser.SignInAsync(key);

        using var response = await browser.OpenStreamAsync($"/page-api/projects/{project.ProjectId}/events");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (events.Count == 3 && line.Length == 0) break; // the blank line that ends the third event
            if (line.StartsWith("event: ", StringComparison.Ordinal)) events.Add(line["event: ".Length..]);
            if (line.StartsWith("data: {\"project_id\"", StringComparison.Ordinal)) Assert.Contains(project.ProjectId, line);
        }
        Assert.Equal(["progress", "documents", "runs"], events);

        await server.Services.Users.RevokeKeyAsync("alice", (await server.Services.Users.ListKeysAsync("alice", None)).Keys.Single().KeyId, None);

        // Nothing changed, so nothing more is sent; the stream ends at the next check of the session (the limit is a hang guard).
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        Assert.Equal("", (await reader.ReadToEndAsync(guard.Token)).Trim());
    }

    [Fact]
    public async Task Another_users_project_in_a_page_script_call_answers_as_a_missing_one()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var (browser, bobs) = await AliceBesideBobsProjectAsync(server);
        using var _ = browser;

        var theirs = await browser.GetAsync($"/page-api/projects/{bobs}/events");
        var missing = await browser.GetAsync("/page-api/projects/prj_000000000000000000000000/events");

        Assert.Equal("PROJECT_NOT_FOUND", await theirs.ProblemCodeAsync(HttpStatusCode.NotFound));
        Assert.Equal("PROJECT_NOT_FOUND", await missing.ProblemCodeAsync(HttpStatusCode.NotFound));
        Assert.Equal((await missing.Content.ReadAsStringAsync()).Replace("prj_000000000000000000000000", "ID"),
            (await theirs.Content.ReadAsStringAsync()).Replace(bobs, "ID"));
    }

    /// <summary>Alice signed in, and the id of a project of Bob's.</summary>
    private static async Task<(PageBrowser Alice, string BobsProject)> AliceBesideBobsProjectAsync(RunningServer server)
    {
        var alice = await server.CreateUserAsync("alice");
        var bob = await server.CreateUserAsync("bob");
        var project = await server.Services.Projects.CreateAsync((await server.Services.Users.AuthenticateAsync(bob, None))!.Id, "Bob's", None);
        var browser = new PageBrowser(server);
        await browser.SignInAsync(alice);
        return (browser, project.ProjectId);
    }

    /// <summary>Every row of a query, each value as text, read straight from the database (as its owner).</summary>
    private static async Task<List<string[]>> RowsAsync(RunningServer server, string sql)
    {
        await using var connection = await server.OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i)) ?? "").ToArray());
        return rows;
    }
}

public sealed class WebSessionTestsOnSqlite : WebSessionTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class WebSessionTestsOnPostgres : WebSessionTests
{
    protected override Backend Backend => Backend.Postgres;
}
