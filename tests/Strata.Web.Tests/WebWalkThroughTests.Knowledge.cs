using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Strata.Acceptance.Tests.Support;

namespace Strata.Web.Tests;

/// <summary>The pages of what Strata knows (issue 30 item a): the dashboard, entities with a field followed to its
/// evidence highlighted in the source, a duplicate merged after its confirmation step (a post without the page's token
/// refused), imports, MEMORY.md and the interpretation runs; and another user's ids in those URLs read as missing ones.</summary>
public abstract partial class WebWalkThroughTests
{
    private const string Notes = "Meeting notes, 3 March.\nAda Lovelace asked us to write to ada@example.com about the engine.\nNothing else.\n";

    [Fact]
    public async Task Entities_duplicates_imports_memory_runs_and_the_dashboard_show_what_strata_knows_and_a_duplicate_is_merged_after_confirming()
    {
        var key = await CreateUserAsync("alice");
        var (sourceId, adaId, alanId, twinId) = await AliceKnowsAsync(key);
        var page = await SignedInPageAsync(key);

        // The dashboard: counts and the month's model cost.
        await page.ClickAsync("nav >> text=Dashboard");
        await page.WaitForSelectorAsync("h1:text('Dashboard')");
        Assert.Equal("0.0000", await page.TextContentAsync("[data-count=cost]"));
        using (var projects = _server.Client(key))
        {
            var listed = JsonDocument.Parse(await projects.GetStringAsync("projects?limit=500")).RootElement.GetProperty("projects").GetArrayLength();
            Assert.Equal($"{listed}", await page.TextContentAsync("[data-count=projects]"));
        }
        await CheckAsync(page, "dashboard");

        // Entities: a search, then one entity, a field followed to its evidence in the source.
        await page.ClickAsync("nav >> text=Entities");
        await page.FillAsync("#q", "Lovelace");
        await page.PressAsync("#q", "Enter");
        await page.WaitForSelectorAsync("caption:text('1 entities')");
        await CheckAsync(page, "entities");
        await page.ClickAsync("a:text('Ada Lovelace')");
        await page.WaitForSelectorAsync("tr[data-field=email]");
        Assert.Contains("\"ada@example.com\"", await page.TextContentAsync("tr[data-field=email]"));
        Assert.Contains("notes.txt", await page.TextContentAsync("tr[data-field=email]"));
        await CheckAsync(page, "entity");
        await page.ClickAsync("tr[data-field=email] a.evidence");
        await page.WaitForSelectorAsync("mark#highlight");
        Assert.Equal("write to ada@example.com", await page.TextContentAsync("mark#highlight"));
        Assert.Contains("Meeting notes, 3 March.", await page.TextContentAsync("pre.source"));
        Assert.EndsWith($"/sources/{sourceId}?start={Notes.IndexOf("write to", StringComparison.Ordinal)}&length=24", page.Url);
        await CheckAsync(page, "evidence");

        // Duplicates: the pair side by side, a confirmation page, a forged post refused, then the merge.
        await page.ClickAsync("nav >> text=Duplicates");
        await page.WaitForSelectorAsync("tr.pair");
        Assert.Contains("birthday: agree", await page.TextContentAsync("tr.pair .reasons"));
        await CheckAsync(page, "duplicates");
        await page.ClickAsync("tr.pair a.merge");
        await page.WaitForSelectorAsync("h1:text('Merge these two entities?')");
        Assert.Contains("will be merged into", await page.TextContentAsync(".consequence"));
        await CheckAsync(page, "duplicate-merge");
        var (from, to) = (await page.InputValueAsync("form.decide input[name=from]"), await page.InputValueAsync("form.decide input[name=to]"));
        Assert.Equal(new[] { alanId, twinId }.Order(StringComparer.Ordinal), new[] { from, to }.Order(StringComparer.Ordinal));
        var forged = await page.APIRequest.PostAsync(new Uri(_server.BaseAddress, "/duplicates/merge").ToString(), new() { Form = FormOf(page, from, to) });
        Assert.Equal(403, forged.Status);
        Assert.Contains("CSRF_REFUSED", await forged.TextAsync());
        using var rest = _server.Client(key);
        Assert.Equal(1, JsonDocument.Parse(await rest.GetStringAsync("duplicates")).RootElement.GetProperty("duplicates").GetArrayLength());
        await page.ClickAsync("form.decide button[type=submit]");
        await page.WaitForURLAsync($"**/entities/{to}");
        var merged = JsonDocument.Parse(await rest.GetStringAsync($"entities/{from}")).RootElement;
        Assert.Equal((to, from), (merged.GetProperty("entity_id").GetString(), merged.GetProperty("redirected_from").GetString()));

        // Imports, memory and runs.
        await page.ClickAsync("nav >> text=Imports");
        await page.WaitForSelectorAsync("tr[data-import]");
        Assert.Contains("claude", await page.TextContentAsync("tr[data-import]"));
        await CheckAsync(page, "imports");
        await page.ClickAsync("nav >> text=Memory");
        await page.WaitForSelectorAsync("h1:text('Memory')");
        Assert.Contains("Ada Lovelace", await page.TextContentAsync("main"));
        await CheckAsync(page, "memory");
        await page.ClickAsync("nav >> text=Runs");
        await page.WaitForSelectorAsync($"tr[data-run] a[href='/sources/{sourceId}']");
        await CheckAsync(page, "runs");
        Assert.Empty(_pageProblems);

        // Another user's ids in these URLs answer exactly as missing ones.
        var bob = await SignedInPageAsync(await CreateUserAsync("bob"));
        foreach (var (theirs, missing) in new[]
        {
            ($"/entities/{adaId}", "/entities/ent_00000000000000000000000000"),
            ($"/sources/{sourceId}?start=1&length=2", "/sources/src_00000000000000000000000000?start=1&length=2"),
            ($"/duplicates/confirm?action=merge&from={adaId}&to={adaId}", "/duplicates/confirm?action=merge&from=ent_00000000000000000000000000&to=ent_00000000000000000000000000"),
        })
        {
            await AssertSameAsMissingAsync(bob, theirs, missing, theirs.Contains(adaId) ? adaId : sourceId);
        }
        await bob.GotoAsync(new Uri(_server.BaseAddress, "/entities").ToString());
        Assert.Equal("No entity matches.", await bob.TextContentAsync("main p"));
    }

    /// <summary>A form without the page's token, as another site would post it.</summary>
    private static IFormData FormOf(IPage page, string from, string to)
    {
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("from", from);
        form.Set("to", to);
        return form;
    }

    private async Task AssertSameAsMissingAsync(IPage page, string theirs, string missing, string theirId)
    {
        var answer = await page.GotoAsync(new Uri(_server.BaseAddress, theirs).ToString());
        var text = await page.TextContentAsync("main");
        var missingAnswer = await page.GotoAsync(new Uri(_server.BaseAddress, missing).ToString());
        var missingText = await page.TextContentAsync("main");
        Assert.Equal(404, answer!.Status);
        Assert.Equal(missingAnswer!.Status, answer.Status);
        var missingId = missing.Split('/', '?', '=', '&').First(p => p.EndsWith("00000000", StringComparison.Ordinal));
        Assert.Equal(missingText!.Replace(missingId, "ID"), text!.Replace(theirId, "ID"));
    }

    /// <summary>A form post of Bob's, with his own page's token, naming Alice's id answers exactly as one naming an id
    /// nobody has: 404 and the same page, apart from the id.</summary>
    private async Task AssertPostSameAsMissingAsync(IPage bob, string theirs, string missing, string theirId, string missingId,
        params (string Name, string Value)[] fields)
    {
        var token = await bob.GetAttributeAsync("meta[name=csrf-token]", "content");
        var answer = await bob.APIRequest.PostAsync(new Uri(_server.BaseAddress, theirs).ToString(), new() { Form = Form(bob, [("csrf", token!), .. fields]) });
        var missingAnswer = await bob.APIRequest.PostAsync(new Uri(_server.BaseAddress, missing).ToString(), new() { Form = Form(bob, [("csrf", token!), .. fields]) });
        Assert.Equal((404, 404), (answer.Status, missingAnswer.Status));
        Assert.Equal((await missingAnswer.TextAsync()).Replace(missingId, "ID"), (await answer.TextAsync()).Replace(theirId, "ID"));
    }

    /// <summary>Alice's knowledge over REST: a text source with an agent's interpretation quoting the email, Alan Turing
    /// twice (a duplicate pair once the scan ran), and a chat import's quick pass.</summary>
    private async Task<(string Source, string Ada, string Alan, string Twin)> AliceKnowsAsync(string key)
    {
        using var rest = _server.Client(key);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("false"), "interpret" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Notes)), "file", "notes.txt" },
        };
        var source = (await ReadAsync(await rest.PostAsync("sources", form))).GetProperty("source_id").GetString()!;
        var interpreted = await ReadAsync(await rest.PostAsJsonAsync($"sources/{source}/interpretations", JsonDocument.Parse("""
            {"interpreter":"web-test","entities":[{"entity_type":"contact","name":"Ada Lovelace","email":"ada@example.com",
             "evidence":{"email":"write to ada@example.com"}}]}
            """).RootElement));
        var stored = await ReadAsync(await rest.PostAsJsonAsync("entities", JsonDocument.Parse("""
            {"entities":[{"entity_type":"contact","name":"Alan Turing","birthday":"1912-06-23","email":"alan@example.com"},
                         {"entity_type":"contact","name":"Alan Turring","birthday":"1912-06-23","email":"a.m.turing@example.org"}]}
            """).RootElement));
        var (exit, _, error) = await new StrataProcess(_data).RunAsync(_environment, [.. _database, "--json", "duplicates", "scan", "--user", "alice"]);
        Assert.True(exit == 0, $"strata duplicates scan exited {exit}: {error}");
        var chat = """[{"uuid":"c1","name":"Tea","created_at":"2025-01-02T10:00:00Z","updated_at":"2025-01-02T10:01:00Z","chat_messages":[{"uuid":"c1-m0","sender":"human","text":"I drink green tea every morning.","created_at":"2025-01-02T10:00:00Z"}]}]""";
        await ReadAsync(await rest.PostAsJsonAsync("imports", new
        {
            provider = "claude", full_pass = false, filename = "conversations.json", content_base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(chat)),
        }));
        var ada = interpreted.GetProperty("entities")[0].GetProperty("entity_id").GetString()!;
        return (source, ada, stored.GetProperty("entities")[0].GetProperty("entity_id").GetString()!, stored.GetProperty("entities")[1].GetProperty("entity_id").GetString()!);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
