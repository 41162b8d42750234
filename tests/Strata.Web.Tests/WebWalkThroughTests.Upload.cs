using System.Text.Json;
using Microsoft.Playwright;
using Strata.Acceptance.Tests.Support;

namespace Strata.Web.Tests;

/// <summary>A chat export uploaded from the imports page (issue 30): a multipart form whose first part is the session's
/// CSRF token, the file streamed into the spool and imported as import_chat imports it, the browser landing on the
/// import's live page and following it to complete. A broken export ends failed saying MALFORMED_CONTENT; a file over the
/// upload limit is refused with FILE_TOO_LARGE on the page; a post without the token first is refused and imports nothing.</summary>
public abstract partial class WebWalkThroughTests
{
    /// <summary>A ChatGPT export of two conversations (one with a branch), from the acceptance tests' fixtures.</summary>
    private static readonly string ChatGptExport = Path.Combine(AppContext.BaseDirectory, "Fixtures", "chat", "chat_fixtures_context_carry",
        "chatgpt_conversations.json");

    [Fact]
    public async Task A_chat_export_uploaded_from_the_imports_page_is_followed_on_its_live_page_to_complete()
    {
        var key = await CreateUserAsync("alice");
        _model.Script.Clear(); // the fake model finds no fact in any conversation: the full pass completes with none
        var page = await SignedInPageAsync(key);

        await page.ClickAsync("nav >> text=Imports");
        await page.WaitForSelectorAsync("form.import-upload");
        await CheckAsync(page, "imports-upload");
        await page.SelectOptionAsync("#provider", "chatgpt");
        await page.SetInputFilesAsync("#export", ChatGptExport);
        await page.ClickAsync("form.import-upload button[type=submit]");

        await page.WaitForURLAsync("**/imports/imp_*");
        var importId = page.Url.Split('/')[^1];
        await page.WaitForSelectorAsync("[data-import-field=status]:is(:text-is('complete'), :text-is('failed'))", new() { Timeout = 120_000 });
        using var rest = _server.Client(key);
        var done = JsonDocument.Parse(await rest.GetStringAsync($"imports/{importId}")).RootElement;
        Assert.True(done.GetProperty("status").GetString() == "complete", done.GetRawText());
        Assert.Equal(("chatgpt", "chatgpt_conversations.json"), (done.GetProperty("provider").GetString(), done.GetProperty("file_name").GetString()));
        Assert.Equal("complete", await page.TextContentAsync("[data-import-field=status]"));
        Assert.Equal(("2", "2", "2"), (await page.TextContentAsync("[data-import-field=conversations]"),
            await page.TextContentAsync("[data-import-field=passed]"), await page.TextContentAsync("[data-import-field=total]")));
        Assert.Equal($"{done.GetProperty("counts").GetProperty("messages").GetInt32()}", await page.TextContentAsync("[data-import-field=messages]"));
        await CheckAsync(page, "import-uploaded");

        // The same export again is the same conversations: a second import that adds nothing, listed with the first.
        await page.ClickAsync("a:text('All imports')");
        await page.SetInputFilesAsync("#export", ChatGptExport);
        await page.ClickAsync("form.import-upload button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/imports/imp_", StringComparison.Ordinal) && !url.EndsWith(importId, StringComparison.Ordinal));
        var again = JsonDocument.Parse(await rest.GetStringAsync($"imports/{page.Url.Split('/')[^1]}")).RootElement.GetProperty("counts");
        Assert.Equal((0, 2), (again.GetProperty("conversations_added").GetInt32(), again.GetProperty("conversations_unchanged").GetInt32()));
        Assert.Empty(_pageProblems);
    }

    [Fact]
    public async Task A_broken_export_uploaded_from_the_imports_page_ends_failed_saying_MALFORMED_CONTENT()
    {
        var key = await CreateUserAsync("alice");
        var broken = Path.Combine(_data, "conversations.json");
        // Claude's export cut off in the middle of its first conversation.
        await File.WriteAllTextAsync(broken, """[{"uuid":"c1","name":"Cut off","created_at":"2024-01-05T08:00:00Z","chat_messages":[{"uuid":"m1","sender":"human","text":"Hel""");
        var page = await SignedInPageAsync(key);

        await page.GotoAsync(new Uri(_server.BaseAddress, "/imports").ToString());
        await page.SelectOptionAsync("#provider", "claude");
        await page.SetInputFilesAsync("#export", broken);
        await page.ClickAsync("form.import-upload button[type=submit]");

        // The redirect is waited for as committed, then the page's own status: waiting for the page's load event as well
        // timed out once in CI while the live page kept its event stream open.
        await page.WaitForURLAsync("**/imports/imp_*", new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync("[data-import-field=status]");
        Assert.Equal("failed", await page.TextContentAsync("[data-import-field=status]"));
        Assert.StartsWith("MALFORMED_CONTENT:", await page.TextContentAsync("[data-import-field=error]"));
        using var rest = _server.Client(key);
        var failed = JsonDocument.Parse(await rest.GetStringAsync($"imports/{page.Url.Split('/')[^1]}")).RootElement;
        Assert.Equal(("failed", 0), (failed.GetProperty("status").GetString(), failed.GetProperty("counts").GetProperty("conversations").GetInt32()));
        await CheckAsync(page, "import-malformed");
        Assert.Empty(_pageProblems);
    }

    [Fact]
    public async Task An_upload_post_without_the_pages_token_as_its_first_part_is_refused_and_imports_nothing()
    {
        var key = await CreateUserAsync("alice");
        var page = await SignedInPageAsync(key);
        var token = await page.GetAttributeAsync("meta[name=csrf-token]", "content");
        var url = new Uri(_server.BaseAddress, "/imports/uploads").ToString();
        var export = new FilePayload { Name = "conversations.json", MimeType = "application/json", Buffer = await File.ReadAllBytesAsync(ChatGptExport) };

        var without = page.Context.APIRequest.CreateFormData();
        without.Append("provider", "chatgpt");
        without.Append("file", export);
        var refused = await page.APIRequest.PostAsync(url, new() { Multipart = without });
        // The token is there, but after a field: the server reads nothing before it has checked the token.
        var late = page.Context.APIRequest.CreateFormData();
        late.Append("provider", "chatgpt");
        late.Append("csrf", token!);
        late.Append("file", export);
        var tooLate = await page.APIRequest.PostAsync(url, new() { Multipart = late });

        Assert.Equal((403, 403), (refused.Status, tooLate.Status));
        Assert.Contains("CSRF_REFUSED", await refused.TextAsync());
        Assert.Contains("CSRF_REFUSED", await tooLate.TextAsync());
        using var rest = _server.Client(key);
        Assert.Equal(0, JsonDocument.Parse(await rest.GetStringAsync("imports")).RootElement.GetProperty("imports").GetArrayLength());
    }

    [Fact]
    public async Task An_export_over_the_upload_limit_is_refused_on_the_imports_page_with_FILE_TOO_LARGE_and_imports_nothing()
    {
        var key = await CreateUserAsync("alice");
        // The same server restarted with a 1 KiB upload limit, the one REST's import_chat has too (the export is 2.5 KiB).
        _server.Dispose();
        _server = await ServeChild.StartAsync(_data, new Dictionary<string, string>(_environment) { ["STRATA_MAX_UPLOAD_BYTES"] = "1024" }, _database);
        var page = await SignedInPageAsync(key);

        await page.GotoAsync(new Uri(_server.BaseAddress, "/imports").ToString());
        await page.SetInputFilesAsync("#export", ChatGptExport);
        var answer = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("form.import-upload button[type=submit]"),
            response => response.Url.EndsWith("/imports/uploads", StringComparison.Ordinal));

        Assert.Equal(413, answer.Status);
        await page.WaitForSelectorAsync(".problem [role=alert]");
        Assert.Equal("FILE_TOO_LARGE The file is larger than the limit of 1 KiB.", await page.TextContentAsync(".problem [role=alert]"));
        Assert.Equal(1, await page.Locator("form.import-upload").CountAsync()); // the form is there to try again
        await CheckAsync(page, "import-too-large");
        using var rest = _server.Client(key);
        Assert.Equal(0, JsonDocument.Parse(await rest.GetStringAsync("imports")).RootElement.GetProperty("imports").GetArrayLength());
        Assert.Empty(_pageProblems);
    }
}
