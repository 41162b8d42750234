using Strata.Acceptance.Tests.Llm;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Imports;
using Strata.Core.Memory.Sections;
using Strata.FakeLlm;

namespace Strata.Acceptance.Tests.Chat;

/// <summary>MEMORY.md's model-written parts through the fake model over real HTTP: a fenced answer is still read, a
/// malformed one is kept raw, a model that keeps failing opens the circuit after the configured failures, and in every
/// case the facts rendered from snapshots are all there.</summary>
public sealed class MemoryGenerationTests
{
    private const string SummaryPrompt = "at most 120 words";
    private const string MergePrompt = "Merge them into one paragraph";
    private const string ProfilePrompt = "messages a person wrote to assistants";

    /// <summary>Six preferences from one conversation: enough lines to need several summary batches at a cap of 2.</summary>
    private const string SixPreferences = """
        {"items":[{"item_id":"0","entities":[
          {"entity_type":"preference","fields":[{"name":"topic","value":"coffee","evidence":"oat milk"}]},
          {"entity_type":"preference","fields":[{"name":"topic","value":"tea","evidence":"green tea"}]},
          {"entity_type":"preference","fields":[{"name":"topic","value":"editor","evidence":"vim"}]},
          {"entity_type":"preference","fields":[{"name":"topic","value":"language","evidence":"C#"}]},
          {"entity_type":"preference","fields":[{"name":"topic","value":"music","evidence":"jazz"}]},
          {"entity_type":"preference","fields":[{"name":"topic","value":"sport","evidence":"running"}]}]}]}
        """;

    private const string Profile = """{"communication_style":"Short, direct questions.","tone":"Casual and warm.","boundaries":"No emoji, please."}""";

    private static MemoryStream Export() => ChatExports.Claude(("c1", "Likes", [("human",
        "I take oat milk, drink green tea, edit in vim, write C#, listen to jazz and go running. No emoji, please.", "2024-01-05T08:00:00Z")]));

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_fenced_summary_is_read_and_the_generated_sections_are_marked_beside_every_fact(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script
            .When(SummaryPrompt, FakeReply.Text("Here it is:\n```json\n{\"summary\": \"Alice likes oat milk and jazz.\"}\n```"))
            .When(ProfilePrompt, FakeReply.Json(Profile))
            .When("oat milk", FakeReply.Json(SixPreferences));
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, FakeProvider.Anthropic));
        var user = await strata.UserAsync("alice");

        await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(Export(), "claude", null), null, CancellationToken.None);
        await strata.RunDueJobsAsync();

        var memory = (await strata.Services.Memory.RenderAsync(user, null, CancellationToken.None)).Markdown;
        Assert.StartsWith("# MEMORY\n\n## Summary (generated)\n\n_Written by fake/", memory);
        Assert.Contains("Alice likes oat milk and jazz.", memory);
        Assert.Contains("## Communication Style (generated)", memory);
        Assert.Contains("Short, direct questions.", memory);
        Assert.Contains("## Boundaries (generated)", memory);
        Assert.Contains("No emoji, please.", memory);
        Assert.Equal(6, memory.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal) && l.Contains("strata://entities/", StringComparison.Ordinal)));
        // The profile call read the user's own words.
        Assert.Contains(server.Requests, r => r.Body.Contains(ProfilePrompt, StringComparison.Ordinal) && r.Body.Contains("edit in vim", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_malformed_profile_answer_is_kept_raw_and_never_blocks_the_summary_or_the_facts(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script
            .When(SummaryPrompt, FakeReply.Json("""{"summary":"Alice has clear tastes."}"""))
            .When(ProfilePrompt, FakeReply.Text("Communication style: terse {not json"))
            .When("oat milk", FakeReply.Json(SixPreferences));
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, FakeProvider.Anthropic));
        var user = await strata.UserAsync("alice");

        await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(Export(), "claude", null), null, CancellationToken.None);
        await strata.RunDueJobsAsync();

        var sections = await GeneratedAsync(strata, user);
        foreach (var name in GeneratedSections.Profile)
        {
            var failed = sections[name];
            Assert.Equal(GeneratedSections.Failed, failed.Status);
            Assert.Contains("Communication style: terse {not json", failed.RawOutput);
            Assert.NotNull(failed.Error);
        }
        Assert.Equal(GeneratedSections.Generated, sections[GeneratedSections.Summary].Status);
        var memory = (await strata.Services.Memory.RenderAsync(user, null, CancellationToken.None)).Markdown;
        Assert.Contains("Alice has clear tastes.", memory);
        Assert.DoesNotContain("## Communication Style (generated)", memory);
        // The failed sections are listed with their errors, never silently absent.
        Assert.Contains("## Generated sections that failed\n\n", memory);
        Assert.Contains("\n- Communication Style: ", memory);
        Assert.Contains("\n- Boundaries: ", memory);
        Assert.Contains("- coffee (", memory);
        Assert.Contains("- sport (", memory);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_model_that_keeps_failing_opens_the_circuit_after_the_configured_failures_and_memory_renders_everything_else(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script
            .When(SummaryPrompt, FakeReply.Text("I would rather not."))
            .When(ProfilePrompt, FakeReply.Json(Profile))
            .When("oat milk", FakeReply.Json(SixPreferences));
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, FakeProvider.Anthropic),
            configurationJson: """{"ChatImport":{"Summary":{"BatchCap":2,"BreakerFailures":2}}}""");
        var user = await strata.UserAsync("alice");

        var imported = await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(Export(), "claude", null), null, CancellationToken.None);
        await strata.RunDueJobsAsync();

        // Six lines in batches of two would be three calls; the circuit opened after the second failure.
        Assert.Equal(2, server.Requests.Count(r => r.Body.Contains(SummaryPrompt, StringComparison.Ordinal)));
        var summary = (await GeneratedAsync(strata, user))[GeneratedSections.Summary];
        Assert.Equal(GeneratedSections.Failed, summary.Status);
        Assert.Contains("circuit open", summary.Error);
        Assert.Equal(2, summary.Calls);
        Assert.Contains("I would rather not.", summary.RawOutput);

        Assert.Equal(ChatImportStatuses.Complete, (await strata.Services.ChatImports.GetAsync(user, imported.ImportId, CancellationToken.None)).Status);
        var memory = (await strata.Services.Memory.RenderAsync(user, null, CancellationToken.None)).Markdown;
        Assert.DoesNotContain("## Summary", memory);
        Assert.Contains("## Tone (generated)", memory);
        Assert.Equal(6, memory.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal) && l.Contains("strata://entities/", StringComparison.Ordinal)));
        Assert.Contains("## Generated sections that failed\n\n- Summary: ", memory);
        Assert.Contains("circuit open", memory);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_batch_and_depth_caps_bound_the_summary_calls(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script
            .When(SummaryPrompt, FakeReply.Json("""{"summary":"Part."}"""))
            .When(MergePrompt, FakeReply.Json("""{"summary":"Whole."}"""))
            .When(ProfilePrompt, FakeReply.Json(Profile))
            .When("oat milk", FakeReply.Json(SixPreferences));
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, FakeProvider.Anthropic),
            configurationJson: """{"ChatImport":{"Summary":{"BatchCap":2,"DepthCap":2}}}""");
        var user = await strata.UserAsync("alice");

        await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(Export(), "claude", null), null, CancellationToken.None);
        await strata.RunDueJobsAsync();

        // Level 1: 6 lines → 3 calls of 2 lines; level 2: 3 parts → 2 calls; the depth cap keeps the 2 side by side.
        var firstLevel = server.Requests.Where(r => r.Body.Contains(SummaryPrompt, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, firstLevel.Count);
        Assert.All(firstLevel, r => Assert.True(r.Body.Split("Preferences: ").Length - 1 <= 2));
        Assert.Equal(2, server.Requests.Count(r => r.Body.Contains(MergePrompt, StringComparison.Ordinal)));
        var summary = (await GeneratedAsync(strata, user))[GeneratedSections.Summary];
        Assert.Equal(5, summary.Calls);
        Assert.Equal("Whole.\n\nWhole.", summary.Text);
        Assert.Contains("Depth cap 2", summary.Error);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Generations_running_at_once_leave_one_row_per_section(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script
            .When(SummaryPrompt, FakeReply.Json("""{"summary":"Alice has clear tastes."}"""))
            .When(ProfilePrompt, FakeReply.Json(Profile))
            .When("oat milk", FakeReply.Json(SixPreferences));
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, FakeProvider.Anthropic));
        var user = await strata.UserAsync("alice");
        var imported = await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(Export(), "claude", null), null, CancellationToken.None);
        await strata.RunDueJobsAsync();
        var generation = new MemoryGenerationService(strata.Services.Store, strata.Services.Blobs, strata.Services.TextGeneration, ReductionLimits.Default, strata.Clock);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => generation.GenerateAsync(user, imported.ImportId, CancellationToken.None))));

        Assert.All(results, r => Assert.Equal(4, r.Count(s => s.Status == GeneratedSections.Generated)));
        Assert.Equal(["boundaries", "communication_style", "summary", "tone"],
            strata.Rows("SELECT section FROM memory_generated ORDER BY section").Select(r => r["section=".Length..]));
    }

    private static async Task<Dictionary<string, GeneratedSection>> GeneratedAsync(TestStrata strata, string user)
    {
        await using var session = await strata.Services.Store.OpenReadAsync(user, CancellationToken.None);
        return (await session.ChatImports.ListGeneratedAsync(CancellationToken.None)).ToDictionary(g => g.Section);
    }
}
