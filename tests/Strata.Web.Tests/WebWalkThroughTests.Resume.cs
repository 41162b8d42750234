using System.Text.Json;
using Strata.FakeLlm;

namespace Strata.Web.Tests;

/// <summary>A failed import resumed from its page (resume_import, what <c>strata import resume</c> calls): the model
/// refuses one conversation (400) so the full pass ends failed; the page offers Resume, says first what it does, a post
/// without the token is refused, and the confirmed resume reads the failed conversation again until the import is
/// complete, on its live page. Another user's import, confirmation or post reads as a missing one.</summary>
public abstract partial class WebWalkThroughTests
{
    [Fact]
    public async Task A_failed_import_is_resumed_from_its_page_after_a_confirmation_and_completes_on_its_live_page()
    {
        var key = await CreateUserAsync("alice");
        _model.Script.Clear();
        _model.Script.When("I prefer oat milk", FakeReply.Json(OatMilk)).When("almond milk", FakeReply.Status(400));
        using var rest = _server.Client(key);
        var importId = await ImportAsync(rest, poisoned: false);
        await WaitUntilAsync(async () => Status(await rest.GetStringAsync($"imports/{importId}")) is "complete" or "failed");
        var failed = await rest.GetStringAsync($"imports/{importId}");
        Assert.True(Status(failed) == "failed", failed);
        var page = await SignedInPageAsync(key);

        await page.GotoAsync(new Uri(_server.BaseAddress, $"/imports/{importId}").ToString());
        Assert.Equal("failed", await page.TextContentAsync("[data-import-field=status]"));
        Assert.Equal("1", await page.TextContentAsync("[data-import-field=passed]"));
        await page.ClickAsync("a.resume");
        await page.WaitForSelectorAsync("h1:text('Resume import')");
        Assert.Equal("The full pass is queued again: the 1 conversations it finished are kept, and the other 1 (not done or failed) are read "
            + "again, asking the model (each costs model calls).", await page.TextContentAsync(".consequence"));
        await CheckAsync(page, "import-resume");
        var forged = await page.APIRequest.PostAsync(new Uri(_server.BaseAddress, $"/imports/{importId}/resume").ToString(), new() { Form = Form(page) });
        Assert.Equal(403, forged.Status);
        Assert.Contains("CSRF_REFUSED", await forged.TextAsync());
        Assert.Equal("failed", Status(await rest.GetStringAsync($"imports/{importId}")));

        // The model answers now; Resume reads the failed conversation again and the live page follows it to complete.
        _model.Script.Clear();
        _model.Script.When("almond milk", FakeReply.Json(AlmondMilk));
        await page.ClickAsync("form.decide button[type=submit]");
        await page.WaitForURLAsync($"**/imports/{importId}");
        await page.WaitForSelectorAsync("[data-import-field=status]:text-is('complete')", new() { Timeout = 120_000 });
        Assert.Equal("2", await page.TextContentAsync("[data-import-field=passed]"));
        Assert.Equal(0, await page.Locator("a.resume").CountAsync());
        Assert.Equal("complete", Status(await rest.GetStringAsync($"imports/{importId}")));
        Assert.Empty(_pageProblems);

        // Bob: Alice's import in the confirmation's URL and in its post reads as a missing one, and resumes nothing.
        var bob = await SignedInPageAsync(await CreateUserAsync("bob"));
        const string nowhere = "imp_00000000000000000000000000";
        await AssertSameAsMissingAsync(bob, $"/imports/{importId}/resume", $"/imports/{nowhere}/resume", importId);
        await AssertPostSameAsMissingAsync(bob, $"/imports/{importId}/resume", $"/imports/{nowhere}/resume", importId, nowhere);
    }

    private static string Status(string import) => JsonDocument.Parse(import).RootElement.GetProperty("status").GetString()!;
}
