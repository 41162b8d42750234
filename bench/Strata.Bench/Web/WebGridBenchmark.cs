using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Strata.Bench.Harness;
using Strata.Core;
using Strata.Core.Extraction;
using Strata.Core.Jobs;
using Strata.Core.Review;
using Strata.Core.Runs;
using Strata.Core.Users;
using Strata.FakeLlm;
using Strata.Formats;
using Strata.Llm.Configuration;
using Strata.Llm.Hosting;
using Strata.Sqlite;

namespace Strata.Bench.Web;

/// <summary>
/// The web page at size, in headless chromium (Debian's, driven by Playwright as tests/Strata.Web.Tests does) against a
/// real <c>strata serve</c> process on SQLite. The data is made through the real services first: one document of
/// 100,000 blocks (2,000 with --quick) staged by a block run the fake model answers over HTTP, and a project of 1,000
/// documents (50). Each figure is the median of three fresh page loads, with min and max: first paint of the grid (its
/// first row drawn with its value), a keyboard confirm (Enter) to the row's confirmed state, a jump of the scroll to row
/// 90,000 (90 % of the rows) until that row shows its value, the rows then in the page, and the 1,000-document project page.
/// </summary>
public sealed class WebGridBenchmark : IBenchmark
{
    public string Name => "web-grid";

    public string Description => "The review grid of 100,000 staged blocks in headless chromium: first paint, keyboard confirm, scroll, DOM rows, 1,000-document project";

    private const string ChromiumPath = "/usr/bin/chromium";

    private const int Runs = 3;

    private const string Schema = """
        {"schema_ref":"clause-review","properties":{"topic":{"type":"string"},"risk":{"type":"number"}},
         "prompt_config":{"max_blocks_per_call":50,"max_tokens_per_block":40}}
        """;

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var report = new Report(Name, settings.Quick);
        report.Json["load_before"] = LoadAverage();
        if (!File.Exists(ChromiumPath))
        {
            return report.NotMeasured("first_paint_ms", "first paint of the grid", $"{ChromiumPath} is missing (install Debian's chromium, as test.sh does)");
        }
        var blocks = settings.Pick(100_000, 2_000);
        var documents = settings.Pick(1_000, 50);
        using var workspace = new Workspace("web-grid");

        var made = Stopwatch.StartNew();
        var data = await MakeDataAsync(workspace.Root, blocks, documents, cancellationToken);
        report.Figure("blocks", blocks, "staged blocks in the document", "blocks");
        report.Figure("documents", documents, "documents in the listed project", "documents");
        report.Figure("setup_s", made.Elapsed.TotalSeconds, "making the data (block run by the fake model, uploads)", "s");

        using var server = await ServeProcess.StartAsync(workspace.Root, cancellationToken);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await SignInAsync(context, server.BaseAddress, data.ApiKey);

        var target = blocks * 9 / 10 - 1;
        var paint = new List<double>();
        var confirm = new List<double>();
        var confirmPost = new List<double>();
        var stored = new List<double>();
        var scroll = new List<double>();
        var domRows = new List<double>();
        var listing = new List<double>();
        var grid = new Uri(server.BaseAddress, $"/runs/{data.RunId}").ToString();
        var project = new Uri(server.BaseAddress, $"/projects/{data.ProjectId}").ToString();
        for (var run = 0; run < Runs; run++)
        {
            var page = await context.NewPageAsync();
            var watch = Stopwatch.StartNew();
            await page.GotoAsync(grid, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
            await page.WaitForSelectorAsync("#row-0.grid-row:not(.loading)");
            paint.Add(watch.Elapsed.TotalMilliseconds);

            // Row `run` of this page load (every earlier one was confirmed by an earlier load): move there, then confirm.
            for (var move = 0; move < run; move++) await page.Keyboard.PressAsync("j");
            try
            {
                await page.WaitForSelectorAsync($"#row-{run}.active.staged");
            }
            catch (TimeoutException)
            {
                throw new InvalidOperationException($"row {run} never showed as the active staged row: " +
                    await page.EvaluateAsync<string>($"() => document.getElementById('row-{run}')?.outerHTML ?? 'no row'"));
            }
            watch.Restart();
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForSelectorAsync($"#row-{run}.confirmed", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            confirm.Add(watch.Elapsed.TotalMilliseconds);
            // The row turns at once (optimistic); the step is stored when its POST answers, which enables Undo.
            await page.WaitForSelectorAsync("[data-action=undo]:not([disabled])");
            stored.Add(watch.Elapsed.TotalMilliseconds);
            // The POST's round trip as the browser timed it (Resource Timing): the server's share.
            confirmPost.Add(await page.EvaluateAsync<double>(
                "() => performance.getEntriesByType('resource').filter(e => e.name.endsWith('/bulk-changes')).map(e => e.duration).pop() ?? -1"));

            watch.Restart();
            await page.EvaluateAsync("row => { const v = document.querySelector('#grid .grid-viewport'); const r = document.querySelector('#grid .grid-row'); v.scrollTop = row * r.offsetHeight; }", target);
            await page.WaitForSelectorAsync($"#row-{target}.staged");
            scroll.Add(watch.Elapsed.TotalMilliseconds);
            domRows.Add(await page.Locator(".grid-body [role=row]").CountAsync());
            await page.CloseAsync();

            var listPage = await context.NewPageAsync();
            watch.Restart();
            await listPage.GotoAsync(project);
            await listPage.WaitForSelectorAsync("table.list tr[data-document]");
            listing.Add(watch.Elapsed.TotalMilliseconds);
            if (run == 0) report.Figure("documents_listed", await listPage.Locator("table.list tr[data-document]").CountAsync(), "document rows on the project's first page (the rest a link away)", "rows");
            await listPage.CloseAsync();
        }

        Goal(report, "first_paint_ms", paint, "first paint of the grid (median of 3)", "ms", 1000);
        Goal(report, "keyboard_confirm_ms", confirm, "Enter to the row's confirmed state (median of 3)", "ms", 100);
        var saved = stored.Order().ToList();
        report.Figure("confirm_stored_ms", saved[saved.Count / 2], "  Enter to the step stored (Undo enabled, median)", "ms",
            string.Create(CultureInfo.InvariantCulture, $"{saved[0]:0.#} - {saved[^1]:0.#} ms"));
        var posts = confirmPost.Order().ToList();
        report.Figure("confirm_post_ms", posts[posts.Count / 2], "  the step's POST round trip (median)", "ms",
            string.Create(CultureInfo.InvariantCulture, $"{posts[0]:0.#} - {posts[^1]:0.#} ms (browser Resource Timing)"));
        Goal(report, "scroll_to_row_ms", scroll, $"scroll to row {target + 1:N0} shown (median of 3)", "ms", 500);
        Goal(report, "dom_rows", domRows, "rows in the page after the scroll", "rows", 200);
        Goal(report, "project_list_ms", listing, $"project page of {documents:N0} documents (median of 3)", "ms", 1000);
        report.Json["load_after"] = LoadAverage();
        report.Row("load average", $"{report.Json["load_before"]} → {report.Json["load_after"]}", "/proc/loadavg before and after (1, 5, 15 min)");
        if (server.HasExited) report.Failures.Add("strata serve exited during the benchmark");
        return report;
    }

    /// <summary>The median of the runs against its goal, with min and max beside it.</summary>
    private static void Goal(Report report, string key, List<double> values, string figure, string unit, double goal)
    {
        var sorted = values.Order().ToList();
        report.Goal(key, sorted[sorted.Count / 2], figure, unit, goal, higherIsBetter: false);
        report.Json[key + "_min"] = Math.Round(sorted[0], 1);
        report.Json[key + "_max"] = Math.Round(sorted[^1], 1);
        report.Row("  min - max", string.Create(CultureInfo.InvariantCulture, $"{sorted[0]:0.#} - {sorted[^1]:0.#} {unit}"));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private sealed record BenchData(string ApiKey, string RunId, string ProjectId);

    /// <summary>The user, the document staged by a block run the fake model answers (one worker in this process, as
    /// the block-run benchmark does), and the project of many small documents: all through the services strata uses.</summary>
    private static async Task<BenchData> MakeDataAsync(string root, int blocks, int documents, CancellationToken cancellationToken)
    {
        await using var model = await FakeLlmServer.StartAsync();
        model.Script.Reply(FakeReply.EchoFields("""{"topic":"rent","risk":2}"""));
        var llm = new LlmOptions
        {
            Providers = new Dictionary<string, ProviderOptions>(StringComparer.OrdinalIgnoreCase)
            {
                ["fake"] = new("fake", ProviderKind.Anthropic, model.BaseUrl, new Strata.Llm.Calls.ApiKey("bench")),
            },
            DefaultModel = new ModelRef("fake", "claude-sonnet-4-5"),
        };
        var services = EmbeddedStrata.Open(root, [new RulesInterpreter()], TimeProvider.System, new EmbeddedSettings
        {
            Documents = Strata.Formats.Documents.DocumentConverters.Default,
            Llm = LlmModels.Create(llm, new LlmRunOptions { ParallelPacks = 2 }, TimeProvider.System, NullLoggerFactory.Instance),
        });
        var created = await services.Users.CreateAsync("web-bench", Plans.Enterprise, cancellationToken);
        var user = created.UserId;
        await services.Projects.CreateAsync(user, "Long", cancellationToken);
        using (var schema = JsonDocument.Parse(Schema)) await services.BlockSchemas.RegisterAsync(user, schema.RootElement, false, cancellationToken);
        var text = string.Join("\n\n", Enumerable.Range(0, blocks).Select(i => string.Create(CultureInfo.InvariantCulture, $"Clause {i}: the tenant pays item {i}.")));
        var document = (await services.Documents.AddFileAsync(user, "Long", new MemoryStream(Encoding.UTF8.GetBytes(text)), "long.md", null, true,
            cancellationToken)).Document;
        var run = await services.Review.StartRunAsync(user, document.DocumentId, "clause-review", null, null, cancellationToken);
        var claim = new JobClaim("web-bench", [BlockRunJobHandler.Kind], TimeSpan.FromMinutes(5));
        while (await services.Jobs.RunNextAsync(claim, cancellationToken))
        {
        }
        var done = await services.Review.GetRunAsync(user, run.Run.RunId, cancellationToken);
        if (done.Status != RunStatuses.Completed || done.Counts.Staged != blocks)
        {
            throw new InvalidOperationException($"the block run ended {done.Status} with {done.Counts.Staged} of {blocks} blocks staged");
        }

        var listed = await services.Projects.CreateAsync(user, "Many", cancellationToken);
        for (var i = 0; i < documents; i++)
        {
            var note = string.Create(CultureInfo.InvariantCulture, $"# Note {i}\n\nThe tenant of flat {i} pays on the first day.\n");
            await services.Documents.AddFileAsync(user, "Many", new MemoryStream(Encoding.UTF8.GetBytes(note)),
                string.Create(CultureInfo.InvariantCulture, $"note-{i:D4}.md"), null, true, cancellationToken);
        }
        return new BenchData(created.ApiKey, run.Run.RunId, listed.ProjectId);
    }

    /// <summary>Signs the browser context in through the sign-in form, as a person does: the session cookie stays in it.</summary>
    private static async Task SignInAsync(IBrowserContext context, Uri baseAddress, string apiKey)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseAddress.ToString());
        await page.FillAsync("#api-key", apiKey);
        await page.PressAsync("#api-key", "Enter");
        await page.WaitForSelectorAsync("h1:text('Projects')");
        await page.CloseAsync();
    }
}
