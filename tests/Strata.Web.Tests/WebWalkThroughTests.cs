using System.Text.Json;
using Microsoft.Playwright;
using System.Net.Http.Json;
using Strata.Acceptance.Tests.Support;
using Strata.FakeLlm;
using Strata.Storage.Compliance;

namespace Strata.Web.Tests;

/// <summary>
/// The web page as a new user meets it, in a real browser (Debian's chromium under Playwright) against a real
/// <c>strata serve</c> process and the fake model over HTTP: sign in with a key, drop four files into a project, run a block schema, review in
/// the grid from the keyboard alone (move, confirm, edit, commit, the shortcut sheet), then follow a value to its block
/// highlighted in the original. axe-core checks every page; no page breaks its Content-Security-Policy or throws.
/// Screenshots of each page go to the test's output folder, and to STRATA_WEB_SCREENSHOTS when set (docs/web.md).
/// </summary>
public abstract partial class WebWalkThroughTests : IAsyncLifetime
{
    protected abstract string Backend { get; }

    private static readonly string Walk = Path.Combine(AppContext.BaseDirectory, "scripts", "review");

    private FakeLlmServer _model = null!;
    private ServeChild _server = null!;
    private readonly string _data = Directory.CreateTempSubdirectory("strata-web-").FullName;
    private string[] _database = [];
    private Dictionary<string, string> _environment = [];
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private readonly List<string> _pageProblems = [];

    public async Task InitializeAsync()
    {
        _model = await FakeLlmServer.StartAsync();
        Assert.Equal(1, ScriptFile.Load(Path.Combine(AppContext.BaseDirectory, "scripts", "clause-review.json"), _model.Script));
        if (Backend == Backends.Postgres) _database = ["--database", await PostgresTestDatabase.CreateAsync()];
        // What the operator exports before running strata serve (docs/llm.md).
        _environment = new Dictionary<string, string>
        {
            ["STRATA_LLM__PROVIDERS__FAKE__KIND"] = "anthropic",
            ["STRATA_LLM__PROVIDERS__FAKE__BASEURL"] = _model.BaseUrl.ToString(),
            ["STRATA_LLM__PROVIDERS__FAKE__APIKEY"] = "fake-key",
            ["STRATA_LLM__DEFAULTMODEL"] = "fake/claude-sonnet-4-5",
        };
        _server = await ServeChild.StartAsync(_data, _environment, _database);
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        _server.Dispose();
        await _model.DisposeAsync();
        if (_database.Length > 0) await PostgresTestDatabase.DropAsync(_database[1]);
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task A_new_user_signs_in_uploads_four_files_runs_a_schema_reviews_from_the_keyboard_and_sees_a_value_in_its_source()
    {
        var key = await CreateUserAsync("alice");
        using (var rest = _server.Client(key))
        {
            (await rest.PostAsJsonAsync("projects", new { name = "Leases" })).EnsureSuccessStatusCode();
            (await rest.PostAsync("block-schemas", new StringContent(await File.ReadAllTextAsync(Path.Combine(Walk, "clause-review.schema.json")),
                System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }
        var page = await OpenPageAsync();

        // Sign in.
        await page.GotoAsync(_server.BaseAddress.ToString());
        await CheckAsync(page, "sign-in");
        await page.FillAsync("#api-key", key);
        await page.PressAsync("#api-key", "Enter");
        await page.WaitForSelectorAsync("h1:text('Projects')");
        await CheckAsync(page, "projects");

        // Four files into the project, each with its own progress and status.
        await page.ClickAsync("a:text('Leases')");
        var notes = Path.Combine(_data, "notes.md");
        await File.WriteAllTextAsync(notes, "# Notes\n\nThe landlord repaints the hall every five years.\n");
        await page.SetInputFilesAsync("#files", [Path.Combine(Walk, "lease.md"), Path.Combine(Walk, "house-rules.html"), Path.Combine(Walk, "notice.pdf"), notes]);
        await page.ClickAsync("form.upload button");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.upload-status li[data-done]').length === 4");
        Assert.Equal(["ingested", "ingested", "ingested", "ingested"], await page.Locator(".upload-status .upload-state").AllTextContentsAsync());
        await CheckAsync(page, "project-upload");

        // The block schema over every document, answered by the fake model through the in-process worker.
        await page.ReloadAsync();
        await page.SelectOptionAsync("#schema", "clause-review");
        await page.ClickAsync("form.apply button");
        // No reload: the runs appear and complete on the page through its server-sent events (two minutes: a hang guard).
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.doc-runs span')].filter(s => s.textContent === '(completed)').length === 4",
            null, new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 100 });
        // The counts follow in the same stream (read a moment apart from the runs, so possibly one tick later).
        await page.WaitForFunctionAsync("() => document.querySelector('[data-count=pending]').textContent === '0' "
            + "&& document.querySelector('[data-count=staged]').textContent !== '0'", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        await CheckAsync(page, "project");

        // The grid of the lease, from the keyboard alone.
        await page.Locator("tr", new() { HasText = "lease.md" }).Locator("a[href^='/runs/']").ClickAsync();
        var grid = page.Locator("#grid");
        await page.WaitForSelectorAsync("#row-5.staged");
        Assert.Equal("7", await grid.GetAttributeAsync("aria-rowcount"));
        Assert.Equal("grid", await grid.GetAttributeAsync("role"));
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal("row-2", await grid.GetAttributeAsync("aria-activedescendant"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#row-2.confirmed");
        Assert.Equal("row-3", await grid.GetAttributeAsync("aria-activedescendant"));
        await page.Keyboard.PressAsync("e");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("deposit");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#row-3 [role=gridcell]:text-is('deposit')");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#row-3.confirmed");
        await page.Keyboard.PressAsync("?");
        await page.WaitForSelectorAsync("#shortcuts[open]");
        await CheckAsync(page, "shortcuts");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("Control+Enter");
        await page.WaitForSelectorAsync(".grid-status:text('values confirmed')");
        await page.WaitForSelectorAsync("#row-5.confirmed");
        Assert.Equal(0, await page.Locator(".grid-body .staged").CountAsync());
        Assert.InRange(await page.Locator(".grid-body [role=row]").CountAsync(), 6, 200);
        await CheckAsync(page, "grid");

        // A value followed to the characters it came from.
        await page.Keyboard.PressAsync("Home");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("s");
        await page.WaitForSelectorAsync("mark#highlight");
        Assert.Equal("The tenant pays a rent of 1,200 EUR on the first day of each month.", (await page.TextContentAsync("mark#highlight"))!.Trim());
        Assert.Contains("# Lease of 12 Harbour Street", await page.TextContentAsync("pre.source"));
        await CheckAsync(page, "source");

        Assert.Empty(_pageProblems);
    }

    [Fact]
    public async Task A_run_of_a_thousand_blocks_keeps_only_a_window_of_rows_in_the_page_and_pages_from_the_server()
    {
        const int blocks = 1000;
        var key = await CreateUserAsync("alice");
        string runId;
        using (var rest = _server.Client(key))
        {
            var project = JsonDocument.Parse(await (await rest.PostAsJsonAsync("projects", new { name = "Long" })).EnsureSuccessStatusCode().Content
                .ReadAsStringAsync()).RootElement.GetProperty("project_id").GetString()!;
            (await rest.PostAsync("block-schemas", new StringContent(await File.ReadAllTextAsync(Path.Combine(Walk, "clause-review.schema.json")),
                System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            var text = string.Join("\n\n", Enumerable.Range(0, blocks).Select(i => $"Clause {i}: the tenant pays rent item {i}."));
            using var form = new MultipartFormDataContent { { new StringContent(text), "file", "long.md" } };
            (await rest.PostAsync($"projects/{project}/uploads", form)).EnsureSuccessStatusCode();
            (await rest.PostAsJsonAsync($"projects/{project}/block-runs", new { schema_ref = "clause-review" })).EnsureSuccessStatusCode();
            runId = await CompletedRunAsync(rest, project);
        }
        var page = await SignedInPageAsync(key);

        await page.GotoAsync(new Uri(_server.BaseAddress, $"/runs/{runId}").ToString());
        await page.WaitForSelectorAsync("#row-0.staged");
        Assert.Equal($"{blocks + 1}", await page.GetAttributeAsync("#grid", "aria-rowcount"));
        Assert.InRange(await page.Locator(".grid-body [role=row]").CountAsync(), 10, 199);
        await page.Keyboard.PressAsync("End");
        await page.WaitForSelectorAsync($"#row-{blocks - 1}.staged");
        Assert.Equal($"{blocks + 1}", await page.GetAttributeAsync($"#row-{blocks - 1}", "aria-rowindex"));
        Assert.Equal($"row-{blocks - 1}", await page.GetAttributeAsync("#grid", "aria-activedescendant"));
        Assert.InRange(await page.Locator(".grid-body [role=row]").CountAsync(), 10, 199);
        Assert.Equal(0, await page.Locator("#row-0").CountAsync());
        Assert.Contains($"Clause {blocks - 1}:", await page.TextContentAsync($"#row-{blocks - 1}"));

        // The run's page lists its items a hundred at a time with the count, next and previous (list_run_items' cursor).
        await page.GotoAsync(new Uri(_server.BaseAddress, $"/interpretations/{runId}").ToString());
        Assert.Equal($"Items 0–99 of {blocks}, in order", await page.TextContentAsync("table.run-items caption"));
        Assert.Equal(100, await page.Locator("table.run-items tbody tr").CountAsync());
        Assert.Equal(0, await page.Locator("a[rel=prev]").CountAsync());
        await page.ClickAsync("a[rel=next]");
        await page.WaitForSelectorAsync("tr[data-item='100']");
        Assert.Equal($"Items 100–199 of {blocks}, in order", await page.TextContentAsync("table.run-items caption"));
        await page.ClickAsync("a[rel=next]");
        await page.WaitForSelectorAsync("tr[data-item='200']");
        await CheckAsync(page, "run-items-paged");
        await page.ClickAsync("a[rel=prev]");
        await page.WaitForSelectorAsync("tr[data-item='100']");
        Assert.Equal(("100", "199"), (await page.Locator("table.run-items tbody tr").First.GetAttributeAsync("data-item"),
            await page.Locator("table.run-items tbody tr").Last.GetAttributeAsync("data-item")));
        await page.ClickAsync("a[rel=prev]");
        await page.WaitForSelectorAsync("tr[data-item='0']");
        Assert.Equal(0, await page.Locator("a[rel=prev]").CountAsync());
        Assert.Empty(_pageProblems);
    }

    [Fact]
    public async Task All_matching_a_filter_is_counted_first_with_a_rejects_model_calls_and_then_confirmed_in_one_step()
    {
        var key = await CreateUserAsync("alice");
        using var rest = _server.Client(key);
        var runId = await LeaseRunAsync(rest, "Bulk");
        var before = await CountsAsync(rest, runId);
        var page = await SignedInPageAsync(key);
        await page.GotoAsync(new Uri(_server.BaseAddress, $"/runs/{runId}").ToString());
        await page.WaitForSelectorAsync("#row-0.staged");

        // The filter form puts the filter in the URL; the grid then lists the paragraphs only.
        await page.SelectOptionAsync("form.filter select[name=block_type]", "paragraph");
        await page.ClickAsync("form.filter button[type=submit]");
        await page.WaitForURLAsync("**block_type=paragraph**");
        await page.WaitForSelectorAsync("#row-0.staged");
        Assert.Equal("4", await page.GetAttributeAsync("#grid", "aria-rowcount"));

        // A reject says first how many values and model calls; cancelled, nothing changes.
        await page.ClickAsync("form.bulk button[value=reject]");
        await page.WaitForSelectorAsync("#bulk-confirm[open]");
        // lease.md is three headings and three paragraphs, all staged; the schema asks for up to ten blocks a call.
        const int matched = 3;
        Assert.Equal(6, before.GetProperty("staged").GetInt32());
        Assert.Equal("3 staged values match. Rejecting them asks the model again: 1 model call.", await page.TextContentAsync(".bulk-count"));
        await CheckAsync(page, "bulk-reject");
        await page.ClickAsync("#bulk-confirm button[value=cancel]");
        Assert.Equal(before.GetRawText(), (await CountsAsync(rest, runId)).GetRawText());

        // Confirm all matching: the same count, then exactly those values confirmed; the rest stay staged.
        await page.ClickAsync("form.bulk button[value=confirm]");
        await page.WaitForSelectorAsync("#bulk-confirm[open]");
        Assert.Equal($"{matched} staged values match and will be confirmed.", await page.TextContentAsync(".bulk-count"));
        await page.ClickAsync(".bulk-go");
        await page.WaitForSelectorAsync($".grid-status:text('{matched} values confirmed.')");
        var after = await CountsAsync(rest, runId);
        Assert.Equal((matched, before.GetProperty("staged").GetInt32() - matched),
            (after.GetProperty("confirmed").GetInt32(), after.GetProperty("staged").GetInt32()));
        await page.WaitForSelectorAsync("#row-0.confirmed"); // every listed row: the paragraphs
        Assert.Equal(matched, await page.Locator(".grid-body .confirmed").CountAsync());
        Assert.Equal(0, await page.Locator(".grid-body .staged").CountAsync());
        // The whole filtered change is one step: Undo takes it back (undo_bulk_change), and confirming it again works.
        await page.ClickAsync("[data-action=undo]");
        await page.WaitForSelectorAsync($".grid-status:text('Undone: {matched} values staged again.')");
        Assert.Equal(before.GetRawText(), (await CountsAsync(rest, runId)).GetRawText());
        await page.ClickAsync("form.bulk button[value=confirm]");
        await page.WaitForSelectorAsync("#bulk-confirm[open]");
        await page.ClickAsync(".bulk-go");
        await page.WaitForSelectorAsync($".grid-status:text('{matched} values confirmed.')");
        Assert.Equal(matched, (await CountsAsync(rest, runId)).GetProperty("confirmed").GetInt32());

        // The view lives in the URL: a shared link opens the same columns, density, selected row and filter, and a
        // change is written back to it (a reload then shows what the person saw).
        await page.GotoAsync(new Uri(_server.BaseAddress, $"/runs/{runId}?hide=risk&density=compact&row=4&state=staged").ToString());
        // The three headings are the staged ones left: row 4 of 3 is clamped to the last, block 4.
        await page.WaitForSelectorAsync("#row-2[aria-selected=true]");
        await page.WaitForSelectorAsync("#row-2.staged"); // rows paint "loading…" until their page of values arrives
        Assert.Equal("row-2", await page.GetAttributeAsync("#grid", "aria-activedescendant"));
        Assert.False(await page.IsVisibleAsync("#grid [role=columnheader][data-field=risk]"));
        Assert.Equal(["4", "staged"], (await page.Locator("#row-2 [role=gridcell]").AllTextContentsAsync()).Take(2));
        Assert.Equal(4, await page.Locator("#row-2 [role=gridcell]").CountAsync()); // #, state, topic, kind
        Assert.Equal(24, (await page.Locator("#row-2").BoundingBoxAsync())!.Height);
        Assert.Equal("staged", await page.InputValueAsync("form.filter select[name=state]"));
        Assert.False(await page.IsCheckedAsync("form.view input[value=risk]"));
        Assert.Equal("compact", await page.InputValueAsync("form.view select[name=density]"));
        await CheckAsync(page, "grid-view");
        await page.Keyboard.PressAsync("k");
        Assert.Contains("row=1", page.Url);
        await page.UncheckAsync("form.view input[value=kind]");
        // Only the page loaded again from the new URL hides the column's header.
        await page.WaitForSelectorAsync("#grid [role=columnheader][data-field=kind][hidden]", new() { State = WaitForSelectorState.Attached });
        Assert.Contains("hide=risk%2Ckind", page.Url);
        await page.WaitForSelectorAsync("#row-1[aria-selected=true]");
        Assert.Equal(3, await page.Locator("#row-1 [role=gridcell]").CountAsync());
        Assert.Equal("staged", await page.InputValueAsync("form.filter select[name=state]"));
        Assert.Contains("state=staged", page.Url);
        Assert.Empty(_pageProblems);
    }

    /// <summary>A project holding lease.md (three headings, three paragraphs) and its completed clause-review run.</summary>
    private static async Task<string> LeaseRunAsync(HttpClient rest, string name)
    {
        var project = JsonDocument.Parse(await (await rest.PostAsJsonAsync("projects", new { name })).EnsureSuccessStatusCode().Content
            .ReadAsStringAsync()).RootElement.GetProperty("project_id").GetString()!;
        (await rest.PostAsync("block-schemas", new StringContent(await File.ReadAllTextAsync(Path.Combine(Walk, "clause-review.schema.json")),
            System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        // As a browser sends it: a Markdown file, so its headings are heading blocks (text/plain would be paragraphs only).
        var lease = new StringContent(await File.ReadAllTextAsync(Path.Combine(Walk, "lease.md")), System.Text.Encoding.UTF8, "text/markdown");
        using (var form = new MultipartFormDataContent { { lease, "file", "lease.md" } })
        {
            (await rest.PostAsync($"projects/{project}/uploads", form)).EnsureSuccessStatusCode();
        }
        (await rest.PostAsJsonAsync($"projects/{project}/block-runs", new { schema_ref = "clause-review" })).EnsureSuccessStatusCode();
        return await CompletedRunAsync(rest, project);
    }

    private static async Task<JsonElement> CountsAsync(HttpClient rest, string runId) =>
        JsonDocument.Parse(await rest.GetStringAsync($"block-runs/{runId}")).RootElement.GetProperty("counts").Clone();

    /// <summary>The project's one block run once the in-process worker has answered it (polled over REST; two minutes
    /// are a hang guard).</summary>
    private static async Task<string> CompletedRunAsync(HttpClient rest, string project)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var run = JsonDocument.Parse(await rest.GetStringAsync($"block-runs?project_id={project}", guard.Token)).RootElement.GetProperty("items")[0];
            if (run.GetProperty("status").GetString() == "completed") return run.GetProperty("run_id").GetString()!;
            await Task.Delay(200, guard.Token);
        }
    }

    [Fact]
    public async Task Another_users_run_in_a_page_url_reads_as_a_missing_one_in_the_browser()
    {
        var aliceKey = await CreateUserAsync("alice");
        var bobKey = await CreateUserAsync("bob");
        var page = await OpenPageAsync();
        await page.GotoAsync(_server.BaseAddress.ToString());
        await page.FillAsync("#api-key", aliceKey);
        await page.PressAsync("#api-key", "Enter");
        await page.WaitForSelectorAsync("h1:text('Projects')");
        string bob;
        using (var rest = _server.Client(bobKey))
        {
            var created = await rest.PostAsJsonAsync("projects", new { name = "Bob's leases" });
            bob = JsonDocument.Parse(await created.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.GetProperty("project_id").GetString()!;
        }

        var theirs = await page.GotoAsync(new Uri(_server.BaseAddress, $"/projects/{bob}").ToString());
        var theirText = await page.TextContentAsync("main");
        var missing = await page.GotoAsync(new Uri(_server.BaseAddress, "/projects/prj_000000000000000000000000").ToString());
        var missingText = await page.TextContentAsync("main");

        Assert.Equal(404, theirs!.Status);
        Assert.Equal(missing!.Status, theirs.Status);
        Assert.Equal(missingText!.Replace("prj_000000000000000000000000", "ID"), theirText!.Replace(bob, "ID"));
        await CheckAsync(page, "not-found");
        Assert.Empty(_pageProblems);
    }

    /// <summary>A page signed in with the key, on the projects list.</summary>
    private async Task<IPage> SignedInPageAsync(string key)
    {
        var page = await OpenPageAsync();
        await page.GotoAsync(_server.BaseAddress.ToString());
        await page.FillAsync("#api-key", key);
        await page.PressAsync("#api-key", "Enter");
        await page.WaitForSelectorAsync("h1:text('Projects')");
        return page;
    }

    /// <summary>A user and key, as <c>strata users create</c> makes them.</summary>
    private async Task<string> CreateUserAsync(string name)
    {
        var (exit, output, error) = await new StrataProcess(_data).RunAsync(_environment, [.. _database, "--json", "users", "create", name]);
        Assert.True(exit == 0, $"strata users create {name} exited {exit}: {error}");
        return JsonDocument.Parse(output).RootElement.GetProperty("api_key").GetString()!;
    }

    private async Task<IPage> OpenPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        // A wait is a guard against a page that never comes, not a measure of speed: Playwright's 30 s default was once
        // too short for a fresh server's first import on PostgreSQL on a loaded 2-core machine (the server's own busy
        // timeout is 30 s too), so a wait gives up after two minutes.
        page.SetDefaultTimeout(120_000);
        page.SetDefaultNavigationTimeout(120_000);
        page.Console += (_, message) =>
        {
            // A page answering 404 (another user's id) is logged by the browser as a failed load of the page itself: expected.
            if (message.Type == "error" && !message.Location.StartsWith(page.Url, StringComparison.Ordinal)) _pageProblems.Add($"{page.Url}: console error: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => _pageProblems.Add($"{page.Url}: script error: {error}");
        return page;
    }

    /// <summary>The page passes axe, and its screenshot is kept.</summary>
    private static async Task CheckAsync(IPage page, string name)
    {
        await Axe.AssertNoSeriousViolationsAsync(page);
        var folders = new[] { Path.Combine(AppContext.BaseDirectory, "screenshots"), Environment.GetEnvironmentVariable("STRATA_WEB_SCREENSHOTS") };
        foreach (var folder in folders.Where(f => !string.IsNullOrEmpty(f)))
        {
            Directory.CreateDirectory(folder!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder!, $"web-{name}.png") });
        }
    }
}

public sealed class WebWalkThroughTestsOnSqlite : WebWalkThroughTests
{
    protected override string Backend => Backends.Sqlite;
}

public sealed class WebWalkThroughTestsOnPostgres : WebWalkThroughTests
{
    protected override string Backend => Backends.Postgres;
}
