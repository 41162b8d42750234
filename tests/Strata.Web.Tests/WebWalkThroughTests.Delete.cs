using System.Text.Json;
using Microsoft.Playwright;

namespace Strata.Web.Tests;

/// <summary>A document, then its project, deleted from the page: each "Delete…" opens a confirmation stating what
/// preview_deletion counts (the same figures REST answers), a post without the page's token is refused, and the
/// confirmed delete (delete_document, delete_project) opens the list with a notice of what went; the store then holds
/// none of it. Another user's project and document, in the confirmation's URL and in its post, read as missing ones.</summary>
public abstract partial class WebWalkThroughTests
{
    private static readonly string[] Kinds = ["documents", "blocks", "block_runs", "staged_values", "confirmed_values", "observations"];

    [Fact]
    public async Task A_document_then_its_project_are_deleted_after_confirmations_that_say_what_will_go()
    {
        var key = await CreateUserAsync("alice");
        using var rest = _server.Client(key);
        var runId = await LeaseRunAsync(rest, "Leases to go");
        var project = Json(await rest.GetStringAsync($"block-runs/{runId}")).GetProperty("project_id").GetString()!;
        (await rest.PostAsync($"block-runs/{runId}/values/1/confirm", null)).EnsureSuccessStatusCode();
        (await rest.PostAsync($"block-runs/{runId}/values/3/confirm", null)).EnsureSuccessStatusCode();
        using (var notes = new MultipartFormDataContent { { new StringContent("# Notes\n\nThe hall is repainted every five years.\n"), "file", "notes.md" } })
        {
            (await rest.PostAsync($"projects/{project}/uploads", notes)).EnsureSuccessStatusCode();
        }
        var lease = Json(await rest.GetStringAsync($"projects/{project}/documents")).GetProperty("documents").EnumerateArray()
            .Single(d => d.GetProperty("name").GetString() == "lease.md").GetProperty("document_id").GetString()!;
        var page = await SignedInPageAsync(key);

        // The lease's row: its confirmation states what REST's preview counts — six blocks, one run, two confirmed values.
        await page.GotoAsync(new Uri(_server.BaseAddress, $"/projects/{project}").ToString());
        await page.Locator("tr", new() { HasText = "lease.md" }).Locator("a.delete").ClickAsync();
        await page.WaitForSelectorAsync("h1:text('Delete document lease.md?')");
        var documentPreview = Json(await rest.GetStringAsync($"deletions/preview?document_id={lease}")).GetProperty("counts");
        Assert.Equal([1, 6, 1, 4, 2, 2], Kinds.Select(k => documentPreview.GetProperty(k).GetInt64()));
        Assert.Equal(Kinds.Select(k => documentPreview.GetProperty(k).GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            await ShownCountsAsync(page));
        await CheckAsync(page, "delete-document");

        // Without the page's token nothing is deleted.
        var forged = await page.APIRequest.PostAsync(new Uri(_server.BaseAddress, $"/documents/{lease}/delete").ToString(), new() { Form = Form(page) });
        Assert.Equal(403, forged.Status);
        Assert.Contains("CSRF_REFUSED", await forged.TextAsync());
        Assert.Equal(200, (int)(await rest.GetAsync($"documents/{lease}")).StatusCode);

        // Confirmed: back on the project, told what went; the document and its run are gone, as counted.
        await page.ClickAsync("form.decide button[type=submit]");
        await page.WaitForURLAsync($"**/projects/{project}?deleted=*");
        Assert.Equal("Deleted document lease.md: 1 document, 6 blocks, 1 block run, 1 source, 2 entities.", (await page.TextContentAsync(".notice"))!.Trim());
        Assert.Equal(0, await page.Locator("tr", new() { HasText = "lease.md" }).CountAsync());
        Assert.Equal(404, (int)(await rest.GetAsync($"documents/{lease}")).StatusCode);
        Assert.Equal(404, (int)(await rest.GetAsync($"block-runs/{runId}")).StatusCode);
        await CheckAsync(page, "deleted-document");

        // The project, with what is left in it: notes.md alone.
        await page.ClickAsync("a.delete:text('Delete this project…')");
        await page.WaitForSelectorAsync("h1:text('Delete project Leases to go?')");
        var projectPreview = Json(await rest.GetStringAsync($"deletions/preview?project={project}")).GetProperty("counts");
        Assert.Equal([1, 2, 0, 0, 0, 0], Kinds.Select(k => projectPreview.GetProperty(k).GetInt64()));
        Assert.Equal(Kinds.Select(k => projectPreview.GetProperty(k).GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            await ShownCountsAsync(page));
        await CheckAsync(page, "delete-project");
        await page.ClickAsync("form.decide button[type=submit]");
        await page.WaitForURLAsync("**/?deleted=*");
        Assert.Equal("Deleted project Leases to go: 1 document, 2 blocks, 1 source.", (await page.TextContentAsync(".notice"))!.Trim());
        Assert.Equal(0, await page.Locator("a", new() { HasText = "Leases to go" }).CountAsync());
        await CheckAsync(page, "deleted-project");
        Assert.Equal(404, (int)(await rest.GetAsync($"projects/{project}")).StatusCode);
        var audit = Json(await rest.GetStringAsync("deletions")).GetProperty("deletions").EnumerateArray().ToList();
        Assert.Equal(["project", "document"], audit.Where(d => d.GetProperty("deleted").GetString() != "block_run").Select(d => d.GetProperty("deleted").GetString()));
        Assert.Empty(_pageProblems);
    }

    [Fact]
    public async Task Another_users_project_and_document_in_delete_urls_and_posts_read_as_missing_ones_and_stay()
    {
        var alice = await CreateUserAsync("alice");
        using var rest = _server.Client(alice);
        var runId = await LeaseRunAsync(rest, "Alice's");
        var project = Json(await rest.GetStringAsync($"block-runs/{runId}")).GetProperty("project_id").GetString()!;
        var document = Json(await rest.GetStringAsync($"block-runs/{runId}")).GetProperty("document_id").GetString()!;
        var bob = await SignedInPageAsync(await CreateUserAsync("bob"));
        const string nowhereProject = "prj_000000000000000000000000";
        const string nowhereDocument = "doc_000000000000000000000000";

        await AssertSameAsMissingAsync(bob, $"/projects/{project}/delete", $"/projects/{nowhereProject}/delete", project);
        await AssertSameAsMissingAsync(bob, $"/documents/{document}/delete", $"/documents/{nowhereDocument}/delete", document);
        await AssertPostSameAsMissingAsync(bob, $"/projects/{project}/delete", $"/projects/{nowhereProject}/delete", project, nowhereProject);
        await AssertPostSameAsMissingAsync(bob, $"/documents/{document}/delete", $"/documents/{nowhereDocument}/delete", document, nowhereDocument);
        Assert.Equal(200, (int)(await rest.GetAsync($"documents/{document}")).StatusCode);
        Assert.Equal(200, (int)(await rest.GetAsync($"projects/{project}")).StatusCode);
        // Alice's delete id in Bob's notice link shows him nothing.
        var deleted = Json(await (await rest.DeleteAsync($"documents/{document}")).EnsureSuccessStatusCode().Content.ReadAsStringAsync());
        await bob.GotoAsync(new Uri(_server.BaseAddress, $"/?deleted={deleted.GetProperty("deletion_id").GetString()}").ToString());
        Assert.Equal(0, await bob.Locator(".notice").CountAsync());
        Assert.Empty(_pageProblems);
    }

    /// <summary>The counts the confirmation shows, in the order of <see cref="Kinds"/>.</summary>
    private static async Task<IEnumerable<string>> ShownCountsAsync(IPage page)
    {
        var shown = new List<string>();
        foreach (var kind in Kinds) shown.Add((await page.TextContentAsync($"[data-removes={kind}]"))!);
        return shown;
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
