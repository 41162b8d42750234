using Strata.Acceptance.Tests.Llm;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Imports;
using Strata.Core.Memory;
using Strata.FakeLlm;

namespace Strata.Acceptance.Tests.Chat;

/// <summary>Failures are visible in what a user reads: a fact whose evidence the model quoted but the message does not hold
/// is marked in MEMORY.md (kept, not hidden), and an import with no model configured says its full pass waits for one
/// instead of looking queued.</summary>
public sealed class MemoryVisibilityTests
{
    // The preference's quote is in the message; the project's ("a rewrite in Rust") is not.
    private const string Facts = """
        {"items":[{"item_id":"0","entities":[
          {"entity_type":"preference","fields":[
            {"name":"topic","value":"milk in coffee","evidence":"milk in my coffee"},
            {"name":"value","value":"oat milk","evidence":"I prefer oat milk"}]},
          {"entity_type":"project","fields":[
            {"name":"name","value":"Strata","evidence":"a rewrite in Rust"}]}]}]}
        """;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_fact_whose_evidence_was_not_found_in_its_message_is_marked_in_memory_and_a_found_one_is_not(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.When("I prefer oat milk", FakeReply.Json(Facts));
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, FakeProvider.Anthropic));
        var user = await strata.UserAsync("alice");
        var export = ChatExports.Claude(("c1", "Coffee", [("human", "I prefer oat milk in my coffee. I work on Strata.", "2024-01-05T08:00:00Z")]));

        await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(export, "claude", null), null, CancellationToken.None);
        await strata.RunDueJobsAsync();
        var memory = (await strata.Services.Memory.RenderAsync(user, null, CancellationToken.None)).Markdown;

        var project = Assert.Single(memory.Split('\n'), l => l.Contains("**Strata**", StringComparison.Ordinal));
        var preference = Assert.Single(memory.Split('\n'), l => l.Contains("milk in coffee: oat milk", StringComparison.Ordinal));
        Assert.EndsWith(MemoryService.Unverified, project);
        Assert.DoesNotContain(MemoryService.Unverified, preference);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_import_with_no_model_configured_says_its_full_pass_waits_for_one(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var user = await strata.UserAsync("alice");
        var export = ChatExports.Claude(("c1", "Coffee", [("human", "I prefer oat milk.", "2024-01-05T08:00:00Z")]));

        var imported = await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(export, "claude", null), null, CancellationToken.None);

        Assert.Equal(ChatImportStatuses.QuickReady, imported.Status);
        Assert.False(imported.FullPassQueued);
        Assert.StartsWith("LLM_NOT_CONFIGURED: the full pass waits for a model.", imported.Error);
        Assert.Contains("Then resume the import.", imported.Error);
    }
}
