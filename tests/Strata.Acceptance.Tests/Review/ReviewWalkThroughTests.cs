using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.FakeLlm;
using Strata.Storage.Compliance;

namespace Strata.Acceptance.Tests.Review;

/// <summary>
/// The walk-through of docs/review.md as a new user takes it, with the real <c>strata</c> executable and a real
/// <c>strata serve</c> over HTTP, the fake model answering under its script (tests/Strata.FakeLlm/scripts/clause-review.json)
/// and the files of tests/Strata.FakeLlm/scripts/review plus a fixture .docx: a project of Markdown, HTML, DOCX and PDF; a block schema; a
/// run; review on the CLI and over REST; staged values visible with their state and in no snapshot or search, confirmed
/// ones in both; deletes that say what they removed.
/// </summary>
public sealed class ReviewWalkThroughTests : IAsyncLifetime
{
    private static readonly string Walk = Path.Combine(AppContext.BaseDirectory, "scripts", "review");
    private static readonly string[] Files =
    [
        Path.Combine(Walk, "lease.md"),
        Path.Combine(Walk, "house-rules.html"),
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "documents", "tables.docx"),
        Path.Combine(Walk, "notice.pdf"),
    ];

    private readonly string _data = Directory.CreateTempSubdirectory("strata-review-walk-").FullName;
    private FakeLlmServer _model = null!;
    private string? _database;

    public async Task InitializeAsync()
    {
        _model = await FakeLlmServer.StartAsync();
        Assert.Equal(1, ScriptFile.Load(Path.Combine(AppContext.BaseDirectory, "scripts", "clause-review.json"), _model.Script));
    }

    /// <summary>What the operator exports before running strata, as in the walk-through.</summary>
    private Dictionary<string, string> Environment() => new()
    {
        ["STRATA_LLM__PROVIDERS__FAKE__KIND"] = "anthropic",
        ["STRATA_LLM__PROVIDERS__FAKE__BASEURL"] = _model.BaseUrl.ToString(),
        ["STRATA_LLM__PROVIDERS__FAKE__APIKEY"] = "fake-key",
        ["STRATA_LLM__DEFAULTMODEL"] = "fake/claude-sonnet-4-5",
    };

    /// <summary>The PDF is one of the four formats: without pdftotext the walk-through fails saying so, rather than
    /// quietly walking three (./test.sh installs poppler-utils).</summary>
    private static void RequirePdfToText() => Assert.True((System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Any(folder => File.Exists(Path.Combine(folder, "pdftotext"))), "pdftotext is not installed (apt-get install poppler-utils): the PDF of the four formats cannot be converted here.");

    private async Task<JsonElement> CliAsync(params string[] args)
    {
        string[] database = _database is null ? [] : ["--database", _database];
        var (exit, output, error) = await new StrataProcess(_data).RunAsync(Environment(), [.. database, "--json", .. args]);
        Assert.True(exit == 0, $"strata {string.Join(' ', args)} exited {exit}: {error}");
        // ingest --project prints one JSON line per file; every other command one record.
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 1 ? JsonDocument.Parse(lines[0]).RootElement.Clone()
            : JsonDocument.Parse("[" + string.Join(',', lines) + "]").RootElement.Clone();
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT013_a_new_user_reviews_a_project_of_four_formats_on_the_cli_and_over_rest(string backend)
    {
        RequirePdfToText();
        if (backend == Backends.Postgres) _database = await PostgresTestDatabase.CreateAsync();

        // The CLI, as the local user.
        await CliAsync("projects", "create", "Leases");
        var ingested = await CliAsync(["ingest", "--project", "Leases", .. Files]);
        Assert.All(ingested.EnumerateArray(), d => Assert.Equal("ingested", d.GetProperty("document").GetProperty("status").GetString()));
        var registered = await CliAsync("block-schemas", "register", Path.Combine(Walk, "clause-review.schema.json"));
        Assert.True(registered.GetProperty("created").GetBoolean());
        var applied = await CliAsync("review", "apply", "Leases", "clause-review");
        Assert.Equal(4, applied.GetProperty("runs_started").GetArrayLength());
        await CliAsync("worker", "--once");

        var runs = (await CliAsync("review", "runs", "--project", "Leases")).GetProperty("items").EnumerateArray().ToList();
        Assert.All(runs, r => Assert.Equal("completed", r.GetProperty("status").GetString()));
        var lease = ingested[0].GetProperty("document").GetProperty("document_id").GetString();
        // Two of the documents' runs in one call (what the project page asks): the project's runs of those two, in its order.
        var two = runs.Take(2).Select(r => r.GetProperty("document_id").GetString()!).ToList();
        var listed = await CliAsync("review", "runs", "--documents", string.Join(',', two), "--per-document", "1");
        Assert.Equal(runs.Where(r => two.Contains(r.GetProperty("document_id").GetString()!)).Select(r => r.GetProperty("run_id").GetString()),
            listed.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("run_id").GetString()));
        var run = runs.Single(r => r.GetProperty("document_id").GetString() == lease).GetProperty("run_id").GetString()!;
        var staged = (await CliAsync("review", "values", run, "--state", "staged")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(6, staged.Count);
        // The script fills each field from the block's own text: the deposit clause is the riskiest.
        var deposit = staged[3].GetProperty("value");
        Assert.Equal(("A deposit of 2,400 EUR is held for the term of the lease.", 4, "payment"),
            (deposit.GetProperty("topic").GetString(), deposit.GetProperty("risk").GetInt32(), deposit.GetProperty("kind").GetString()));

        var confirmed = await CliAsync("review", "confirm", run, "2");
        Assert.Equal(("confirmed", "usr_"), (confirmed.GetProperty("state").GetString(), confirmed.GetProperty("confirmed_by").GetString()![..4]));
        var rejected = await CliAsync("review", "reject", run, "0");
        Assert.Equal(("pending", JsonValueKind.Null), (rejected.GetProperty("state").GetString(), rejected.GetProperty("value").ValueKind));
        string[] database = _database is null ? [] : ["--database", _database];
        var asText = await new StrataProcess(_data).RunAsync(Environment(), [.. database, "review", "value", run, "0"]);
        Assert.Contains("""pending    (rejected: {"kind":"other","risk":1,"topic":"# Lease of 12 Harbour Street"})""", asText.Out);
        var edited = await CliAsync("review", "edit", run, "3", """{"topic":"deposit","risk":5,"kind":"payment"}""");
        Assert.Equal((true, 4), (edited.GetProperty("edited").GetBoolean(), edited.GetProperty("model_value").GetProperty("risk").GetInt32()));

        // Staged values are visible with their state, and in no snapshot or search: only the two confirmed blocks are entities.
        var entities = (await CliAsync("entities", "list", "--type", "clause-review")).GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal([$"{staged[2].GetProperty("block_uid").GetString()}", $"{staged[3].GetProperty("block_uid").GetString()}"],
            entities.Select(e => e.GetProperty("fields").GetProperty("block_uid").GetString()).Order());
        Assert.Contains(entities, e => e.GetProperty("fields").GetProperty("risk").GetInt32() == 5);
        Assert.Equal(0, (await CliAsync("entities", "list", "--query", "Harbour")).GetProperty("entities").GetArrayLength());
        Assert.Contains((await CliAsync("review", "values", run, "--state", "staged")).GetProperty("items").EnumerateArray(),
            v => v.GetProperty("value").GetProperty("topic").GetString() == "## Term");

        // Everything matching a filter: counted first (a reject with its model calls), then done; headings 1 and 4 are
        // still staged (0 was rejected), and of kind "term" only blocks 4 and 5.
        var preview = await CliAsync("review", "reject-matching", run, "--block-type", "heading", "--dry-run");
        Assert.Equal((2, 0, 1), (preview.GetProperty("matched").GetInt32(), preview.GetProperty("changed").GetInt32(), preview.GetProperty("model_calls").GetInt32()));
        var matching = await CliAsync("review", "confirm-matching", run, "--field", "kind", "--equals", "term", "--except", "4");
        Assert.Equal((1, 1, "confirm"), (matching.GetProperty("matched").GetInt32(), matching.GetProperty("changed").GetInt32(), matching.GetProperty("action").GetString()));
        Assert.Equal("confirmed", (await CliAsync("review", "value", run, "5")).GetProperty("state").GetString());

        await CliAsync("worker", "--once"); // the rejected block is asked again
        var bulk = await CliAsync("review", "confirm-all", "project", "Leases");
        var blocks = bulk.GetProperty("counts").GetProperty("total").GetInt32();
        Assert.Equal((0, blocks), (bulk.GetProperty("counts").GetProperty("staged").GetInt32(), bulk.GetProperty("counts").GetProperty("confirmed").GetInt32()));
        Assert.Equal(blocks, (await CliAsync("entities", "list", "--type", "clause-review")).GetProperty("entities").GetArrayLength());
        Assert.Equal(1, (await CliAsync("entities", "list", "--query", "Harbour")).GetProperty("entities").GetArrayLength());

        // REST, as another user with a key, against a real strata serve that runs the workers.
        var alice = (await CliAsync("users", "create", "alice")).GetProperty("api_key").GetString()!;
        using (var serve = await ServeChild.StartAsync(_data, Environment(), _database is null ? [] : ["--database", _database]))
        using (var http = serve.Client(alice))
        {
            await RestWalkAsync(http);
        }

        // Deletes on the CLI say what they removed.
        var deleted = await CliAsync("projects", "delete", "Leases");
        Assert.Equal((4, 4), (deleted.GetProperty("removed").GetProperty("documents").GetInt32(),
            deleted.GetProperty("removed").GetProperty("block_runs").GetInt32()));
        var audit = (await CliAsync("deletions")).GetProperty("deletions").EnumerateArray().ToList();
        Assert.Contains(audit, d => d.GetProperty("deleted").GetString() == "project" && d.GetProperty("name").GetString() == "Leases");
    }

    private static async Task RestWalkAsync(HttpClient http)
    {
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("projects", new { name = "Leases" })).StatusCode);
        using (var form = new MultipartFormDataContent())
        {
            foreach (var file in Files) form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(file)), "files", Path.GetFileName(file));
            var upload = await Json(await http.PostAsync("projects/Leases/uploads", form));
            Assert.Equal((4, 0), (upload.GetProperty("added").GetInt32(), upload.GetProperty("failed").GetInt32()));
        }
        using (var schema = new StringContent(await File.ReadAllTextAsync(Path.Combine(Walk, "clause-review.schema.json")), System.Text.Encoding.UTF8, "application/json"))
        {
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("block-schemas", schema)).StatusCode);
        }
        var applied = await Json(await http.PostAsJsonAsync("projects/Leases/block-runs", new { schema_ref = "clause-review" }));
        Assert.Equal(4, applied.GetProperty("runs_started").GetArrayLength());
        await Eventually.TrueAsync(async () =>
        {
            var counts = (await Json(await http.GetAsync("projects/Leases/review"))).GetProperty("counts");
            return counts.GetProperty("pending").GetInt32() + counts.GetProperty("claimed").GetInt32() == 0;
        }, "strata serve's workers answered every block");

        var runs = (await Json(await http.GetAsync("block-runs?project_id=Leases"))).GetProperty("items").EnumerateArray().ToList();
        var run = runs.First(r => r.GetProperty("counts").GetProperty("total").GetInt32() == 6).GetProperty("run_id").GetString();
        var staged = (await Json(await http.GetAsync($"block-runs/{run}/values?state=staged"))).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(6, staged.Count);
        Assert.Equal("confirmed", (await Json(await http.PostAsync($"block-runs/{run}/values/2/confirm", null))).GetProperty("state").GetString());
        var rejected = await Json(await http.PostAsync($"block-runs/{run}/values/0/reject", null));
        Assert.Equal(JsonValueKind.Null, rejected.GetProperty("value").ValueKind);
        var edited = await Json(await http.PutAsJsonAsync($"block-runs/{run}/values/3", new { value = new { topic = "deposit", risk = 5, kind = "payment" } }));
        Assert.Equal((true, "confirmed"), (edited.GetProperty("edited").GetBoolean(), edited.GetProperty("state").GetString()));
        var conflict = await http.PostAsync($"block-runs/{run}/values/3/confirm", null);
        Assert.Equal((HttpStatusCode.Conflict, "REVIEW_STATE_CONFLICT"), (conflict.StatusCode, (await Json(conflict)).GetProperty("code").GetString()));

        // Confirmed values are in the snapshots, staged ones are not.
        var entities = (await Json(await http.GetAsync("entities?entity_type=clause-review"))).GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(2, entities.Count);
        var bulk = await Json(await http.PostAsJsonAsync("review/confirmations", new { scope = "run", id = run }));
        Assert.Equal(0, bulk.GetProperty("counts").GetProperty("staged").GetInt32());
        Assert.True(bulk.GetProperty("changed").GetInt32() >= 3);

        // Deletes say what they removed; a schema in use is refused unless forced.
        var removedRun = await Json(await http.DeleteAsync($"block-runs/{run}"));
        Assert.Equal((6, 6), (removedRun.GetProperty("items_removed").GetInt32(), removedRun.GetProperty("values_removed").GetInt32()));
        Assert.True(removedRun.GetProperty("observations_removed").GetInt32() >= 5);
        // Each confirmed block's entity existed only by its one observation: they went with the run.
        Assert.Equal(removedRun.GetProperty("observations_removed").GetInt32(), removedRun.GetProperty("entities_removed").GetInt32());
        Assert.Empty((await Json(await http.GetAsync("entities?entity_type=clause-review"))).GetProperty("entities").EnumerateArray());
        var inUse = await http.DeleteAsync("block-schemas/clause-review");
        Assert.Equal((HttpStatusCode.Conflict, "SCHEMA_IN_USE"), (inUse.StatusCode, (await Json(inUse)).GetProperty("code").GetString()));
        var project = await Json(await http.DeleteAsync("projects/Leases"));
        Assert.Equal((4, 3, 0), (project.GetProperty("removed").GetProperty("documents").GetInt32(),
            project.GetProperty("removed").GetProperty("block_runs").GetInt32(), project.GetProperty("removed").GetProperty("entities").GetInt32()));
        // Audited: the project, and each block run (the one deleted by hand and those the project's delete took with it).
        var deletions = (await Json(await http.GetAsync("deletions"))).GetProperty("deletions").EnumerateArray().Select(d => d.GetProperty("deleted").GetString()).ToList();
        Assert.Equal((1, 4), (deletions.Count(d => d == "project"), deletions.Count(d => d == "block_run")));
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        await _model.DisposeAsync();
        if (_database is not null) await PostgresTestDatabase.DropAsync(_database);
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
