using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Strata.FakeLlm;

namespace Strata.Web.Tests;

/// <summary>Chat imports on the page (issue 30 items a–d): an import's progress followed live until it ends; a chat fact
/// followed to the exact words of its message and to the run that extracted it (interpreter, model, cost, items, a
/// failure's raw output); an entity as it was at a chosen time, a value corrected and observations split off, each after a
/// confirmation; and another user's import, message, run or entity in those URLs read as missing ones.</summary>
public abstract partial class WebWalkThroughTests
{
    private const string OatMilk = """
        {"items":[{"item_id":"0","entities":[
          {"entity_type":"preference","fields":[
            {"name":"topic","value":"milk in coffee","evidence":"milk in my coffee"},
            {"name":"value","value":"oat milk","evidence":"I prefer oat milk"}]}]}]}
        """;

    private const string AlmondMilk = """
        {"items":[{"item_id":"0","entities":[
          {"entity_type":"preference","fields":[
            {"name":"topic","value":"milk in coffee","evidence":"milk in my coffee"},
            {"name":"value","value":"almond milk","evidence":"these days I prefer almond milk"}]}]}]}
        """;

    /// <summary>Two conversations about milk (January and June 2024) and, with <paramref name="poisoned"/>, a third the
    /// model answers with prose instead of JSON (its item fails and keeps that raw output).</summary>
    private static string Coffee(bool poisoned) =>
        "[" + Conversation("c1", "Coffee", "2024-01-05T08:00:00Z", "Hi! For the record, I prefer oat milk in my coffee.")
        + "," + Conversation("c2", "Coffee again", "2024-06-01T08:00:00Z", "Update on milk in my coffee: these days I prefer almond milk.")
        + (poisoned ? "," + Conversation("c3", "Weather", "2024-06-02T08:00:00Z", "POISON: will it rain tomorrow?") : "") + "]";

    private static string Conversation(string id, string title, string at, string text) =>
        $$"""{"uuid":"{{id}}","name":"{{title}}","created_at":"{{at}}","updated_at":"{{at}}","chat_messages":[{"uuid":"{{id}}-m0","sender":"human","text":"{{text}}","created_at":"{{at}}"},{"uuid":"{{id}}-m1","sender":"assistant","text":"Noted.","created_at":"{{at}}"}]}""";

    /// <summary>The chat facts' answers (the block schema's catch-all answer, loaded for every test, is not wanted here).</summary>
    private void ScriptCoffee()
    {
        _model.Script.Clear();
        _model.Script.When("I prefer oat milk", FakeReply.Json(OatMilk)).When("almond milk", FakeReply.Json(AlmondMilk))
            .When("POISON", FakeReply.Text("I would rather not answer in JSON today."));
    }

    private static async Task<string> ImportAsync(HttpClient rest, bool poisoned)
    {
        var imported = await ReadAsync(await rest.PostAsJsonAsync("imports", new
        {
            provider = "claude", full_pass = true, filename = "coffee.json", content_base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(Coffee(poisoned))),
        }));
        return imported.GetProperty("import_id").GetString()!;
    }

    [Fact]
    public async Task Watch_an_imports_progress_move_on_its_page_until_it_is_complete()
    {
        var key = await CreateUserAsync("alice");
        ScriptCoffee();
        // Every model call waits at the fake model until released: the page is seen with the full pass not started.
        _model.Hold();
        try
        {
            using var rest = _server.Client(key);
            var importId = await ImportAsync(rest, poisoned: false);
            var page = await SignedInPageAsync(key);
            await page.ClickAsync("nav >> text=Imports");
            await page.ClickAsync($"tr[data-import='{importId}'] a");
            await page.WaitForSelectorAsync("[data-import-field=status]");
            Assert.Equal(("0", "2", "4", "0"), (await page.TextContentAsync("[data-import-field=passed]"), await page.TextContentAsync("[data-import-field=total]"),
                await page.TextContentAsync("[data-import-field=messages]"), await page.TextContentAsync("[data-import-field=facts]")));
            Assert.Contains(await page.TextContentAsync("[data-import-field=status]"), new[] { "quick_ready", "processing" });
            // The model has been asked (the pass is under way) and the page still says 0 of 2: the state in between.
            await WaitUntilAsync(() => _model.RequestsInFlight > 0);
            Assert.Equal("0", await page.TextContentAsync("[data-import-field=passed]"));
            await CheckAsync(page, "import-progress");
            var url = page.Url;

            _model.Release();
            // No reload: the counts move and the state ends on the page through its event stream (a hang guard only).
            await page.WaitForSelectorAsync("[data-import-field=status]:is(:text-is('complete'), :text-is('failed'))", new() { Timeout = 120_000 });
            var done = JsonDocument.Parse(await rest.GetStringAsync($"imports/{importId}")).RootElement;
            Assert.True(done.GetProperty("status").GetString() == "complete", done.GetRawText());
            Assert.Equal("complete", await page.TextContentAsync("[data-import-field=status]"));
            Assert.Equal(url, page.Url);
            Assert.Equal(("2", "2", "100"), (await page.TextContentAsync("[data-import-field=passed]"), await page.TextContentAsync("[data-import-field=total]"),
                await page.GetAttributeAsync("[data-import-field=fraction]", "value")));
            Assert.Equal($"{done.GetProperty("counts").GetProperty("facts").GetInt32()}", await page.TextContentAsync("[data-import-field=facts]"));
            Assert.NotEqual("0", await page.TextContentAsync("[data-import-field=facts]"));
            await CheckAsync(page, "import");
            Assert.Empty(_pageProblems);

            // Another user's import reads as a missing one, on the page and on its event stream.
            var bob = await SignedInPageAsync(await CreateUserAsync("bob"));
            await AssertSameAsMissingAsync(bob, $"/imports/{importId}", "/imports/imp_00000000000000000000000000", importId);
            var stream = await bob.APIRequest.GetAsync(new Uri(_server.BaseAddress, $"/page-api/imports/{importId}/events").ToString());
            Assert.Equal(404, stream.Status);
            Assert.Contains("IMPORT_NOT_FOUND", await stream.TextAsync());
        }
        finally
        {
            _model.Release();
        }
    }

    [Fact]
    public async Task A_chat_fact_is_followed_to_its_message_and_run_then_seen_as_of_a_time_corrected_and_split_after_confirming()
    {
        var key = await CreateUserAsync("alice");
        ScriptCoffee();
        using var rest = _server.Client(key);
        var importId = await ImportAsync(rest, poisoned: true);
        await WaitUntilAsync(async () => JsonDocument.Parse(await rest.GetStringAsync($"imports/{importId}")).RootElement.GetProperty("status").GetString() is "complete" or "failed");
        var ended = await rest.GetStringAsync($"imports/{importId}");
        var preferences = JsonDocument.Parse(await rest.GetStringAsync("entities?entity_type=preference")).RootElement.GetProperty("entities");
        Assert.True(preferences.GetArrayLength() == 1, ended);
        var preference = preferences[0].GetProperty("entity_id").GetString()!;
        var page = await SignedInPageAsync(key);

        // b. From MEMORY.md to the entity; the fact links to its message, the quoted characters highlighted, and to the
        // run that extracted it.
        await page.ClickAsync("nav >> text=Memory");
        await page.ClickAsync($"pre.memory a[href='/entities/{preference}']");
        await page.WaitForURLAsync($"**/entities/{preference}");
        Assert.Contains("\"almond milk\"", await page.TextContentAsync("tr[data-field=value]"));
        Assert.Equal("“these days I prefer almond milk”", await page.TextContentAsync("tr[data-field=value] a.message-link"));
        await CheckAsync(page, "entity-chat");
        await page.ClickAsync("tr[data-field=value] a.message-link");
        await page.WaitForSelectorAsync("mark#highlight");
        Assert.Equal("these days I prefer almond milk", await page.TextContentAsync("mark#highlight"));
        Assert.Equal("Update on milk in my coffee: these days I prefer almond milk.", await page.TextContentAsync("#message pre"));
        Assert.Contains("Coffee again", await page.TextContentAsync("h1"));
        Assert.Contains("Noted.", await page.TextContentAsync("ol.conversation")); // the reply after it, in its conversation
        await CheckAsync(page, "message");
        await page.ClickAsync("a.run");
        await page.WaitForSelectorAsync("[data-run-field=model]");
        var runId = page.Url.Split('/')[^1];
        var run = JsonDocument.Parse(await rest.GetStringAsync($"runs/{runId}")).RootElement;
        Assert.Contains("claude-sonnet-4-5", await page.TextContentAsync("[data-run-field=model]"));
        Assert.StartsWith(run.GetProperty("interpreter").GetString()!, await page.TextContentAsync("[data-run-field=interpreter]"));
        var cost = run.GetProperty("items").GetProperty("cost_usd");
        Assert.StartsWith(cost.ValueKind == JsonValueKind.Null ? "unknown" : cost.GetDecimal().ToString("0.000000", CultureInfo.InvariantCulture),
            await page.TextContentAsync("[data-run-field=cost]"));
        Assert.Equal(run.GetProperty("items").GetProperty("total").GetInt32(), await page.Locator("tr[data-item]").CountAsync());
        await CheckAsync(page, "run");

        // d. The runs list leads to the failed conversation's run, its item's raw model output shown.
        // (list_runs leaves out the items' summary: the failed run is found by its status.)
        var failedRun = JsonDocument.Parse(await rest.GetStringAsync("runs?limit=500")).RootElement.GetProperty("runs").EnumerateArray()
            .Single(r => r.GetProperty("status").GetString() == "failed").GetProperty("run_id").GetString()!;
        await page.ClickAsync("nav >> text=Runs");
        await page.ClickAsync($"tr[data-run='{failedRun}'] a[href='/interpretations/{failedRun}']");
        await page.WaitForSelectorAsync("pre.raw-output");
        Assert.Contains("I would rather not answer in JSON today.", await page.TextContentAsync("tr[data-item] pre.raw-output"));
        await CheckAsync(page, "run-failure");

        // c. Correct: recorded after every fact (a chat fact is dated by its message), so a time between them can be chosen;
        // the wait only makes sure of it on any clock, it times nothing
        var facts = JsonDocument.Parse(await rest.GetStringAsync($"entities/{preference}/observations")).RootElement.GetProperty("observations");
        var before = facts.EnumerateArray().Max(o => o.GetProperty("created_at").GetDateTimeOffset());
        before = new DateTimeOffset(before.UtcTicks - before.UtcTicks % TimeSpan.TicksPerMillisecond + TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        await WaitUntilAsync(() => DateTimeOffset.UtcNow > before.AddSeconds(2));
        // a confirmation says what will happen; a post without the token is refused; then the correction.
        await page.GotoAsync(new Uri(_server.BaseAddress, $"/entities/{preference}").ToString());
        await page.SelectOptionAsync("#correct-field", "value");
        await page.FillAsync("#correct-value", "soy milk");
        await page.ClickAsync("form.correct button");
        await page.WaitForSelectorAsync("h1:text('Correct value of')");
        Assert.Contains("value will change from \"almond milk\" to \"soy milk\"", await page.TextContentAsync(".consequence"));
        await CheckAsync(page, "entity-correct");
        var forged = await page.APIRequest.PostAsync(new Uri(_server.BaseAddress, $"/entities/{preference}/corrections").ToString(),
            new() { Form = Form(page, ("field", "value"), ("value_json", "\"forged\"")) });
        Assert.Equal(403, forged.Status);
        Assert.Contains("CSRF_REFUSED", await forged.TextAsync());
        Assert.Equal("almond milk", Snapshot(await rest.GetStringAsync($"entities/{preference}")).GetProperty("value").GetString());
        await page.ClickAsync("form.decide button[type=submit]");
        await page.WaitForURLAsync($"**/entities/{preference}");
        Assert.Contains("\"soy milk\"", await page.TextContentAsync("tr[data-field=value]"));
        Assert.Equal("soy milk", Snapshot(await rest.GetStringAsync($"entities/{preference}")).GetProperty("value").GetString());
        var observations = JsonDocument.Parse(await rest.GetStringAsync($"entities/{preference}/observations")).RootElement.GetProperty("observations");
        var correction = observations.EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "correction").GetProperty("created_at").GetDateTimeOffset();
        Assert.True(correction > before.AddSeconds(1));
        Assert.Single(observations.EnumerateArray(), o => o.GetProperty("kind").GetString() == "correction" && o.GetProperty("priority").GetInt32() == 1000);

        // c. History: the entity as it was before the correction, chosen in the date-time input.
        await page.FillAsync("#at", before.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture));
        await page.ClickAsync("form.history button");
        await page.WaitForSelectorAsync(".as-of");
        Assert.Contains("at=" + Uri.EscapeDataString(before.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture)), page.Url);
        Assert.Contains("\"almond milk\"", await page.TextContentAsync("tr[data-field=value]"));
        Assert.Equal(2, await page.Locator("tr[data-observation]").CountAsync());
        await CheckAsync(page, "entity-history");
        await page.ClickAsync("form.history a:text('Now')");
        await page.WaitForSelectorAsync("form.split");
        Assert.Contains("\"soy milk\"", await page.TextContentAsync("tr[data-field=value]"));

        // c. Split: January's observation chosen, a confirmation listing it, then it answers as an entity of its own.
        var january = observations.EnumerateArray().Single(o => o.GetProperty("fields").TryGetProperty("value", out var v) && v.GetString() == "oat milk")
            .GetProperty("observation_id").GetString()!;
        await page.CheckAsync($"tr[data-observation='{january}'] input[type=checkbox]");
        await page.ClickAsync("form.split button");
        await page.WaitForSelectorAsync("h1:text('Split')");
        Assert.StartsWith("1 of its 3 observations will move to an entity of their own", await page.TextContentAsync(".consequence"));
        Assert.Contains(january, await page.TextContentAsync("main table"));
        await CheckAsync(page, "entity-split");
        await page.ClickAsync("form.decide button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains(preference, StringComparison.Ordinal) && url.Contains("/entities/ent_", StringComparison.Ordinal));
        var split = page.Url.Split('/')[^1];
        Assert.Contains("\"oat milk\"", await page.TextContentAsync("tr[data-field=value]"));
        Assert.Equal(january, JsonDocument.Parse(await rest.GetStringAsync($"entities/{split}/observations")).RootElement.GetProperty("observations")[0]
            .GetProperty("observation_id").GetString());
        Assert.Equal(2, JsonDocument.Parse(await rest.GetStringAsync($"entities/{preference}")).RootElement.GetProperty("observation_count").GetInt32());
        Assert.Empty(_pageProblems);

        // Another user's ids in these URLs, and their posts, answer as missing ones and change nothing.
        var bob = await SignedInPageAsync(await CreateUserAsync("bob"));
        var said = JsonDocument.Parse(await rest.GetStringAsync($"chat-evidence?entity_id={split}&field=value")).RootElement.GetProperty("evidence")[0];
        var blockUid = said.GetProperty("block_uid").GetString()!;
        var missingBlock = "conv_00000000000000000000000000000000:00000000";
        foreach (var (theirs, missing, id) in new[]
        {
            ($"/messages/{blockUid}?start=1&length=2", $"/messages/{missingBlock}?start=1&length=2", blockUid),
            ($"/interpretations/{runId}", "/interpretations/run_00000000000000000000000000", runId),
            ($"/entities/{preference}/correct?field=value&value=x", "/entities/ent_00000000000000000000000000/correct?field=value&value=x", preference),
            ($"/entities/{preference}/split?observation_id={january}", "/entities/ent_00000000000000000000000000/split?observation_id=" + january, preference),
        })
        {
            await AssertSameAsMissingAsync(bob, theirs, missing, id);
        }
        foreach (var (action, fields) in new[]
        {
            ("corrections", new[] { ("field", "value"), ("value_json", "\"bob's\"") }),
            ("splits", new[] { ("observation_id", january) }),
        })
        {
            await AssertPostSameAsMissingAsync(bob, $"/entities/{preference}/{action}", $"/entities/ent_00000000000000000000000000/{action}",
                preference, "ent_00000000000000000000000000", fields);
        }
        Assert.Equal("soy milk", Snapshot(await rest.GetStringAsync($"entities/{preference}")).GetProperty("value").GetString());
        Assert.Equal(2, JsonDocument.Parse(await rest.GetStringAsync($"entities/{preference}")).RootElement.GetProperty("observation_count").GetInt32());
    }

    private static JsonElement Snapshot(string json) => JsonDocument.Parse(json).RootElement.GetProperty("fields").Clone();

    private static IFormData Form(IPage page, params (string Name, string Value)[] fields)
    {
        var form = page.Context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields) form.Append(name, value);
        return form;
    }

    /// <summary>Polls a condition the test cannot be told about (two minutes: a hang guard, not a timing).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition) => await WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!await condition()) await Task.Delay(100, guard.Token);
    }
}
