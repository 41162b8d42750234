using System.Text;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Runs;
using Strata.Core.Runs.Items;
using Strata.Core.Sources;
using Strata.FakeLlm;

namespace Strata.Acceptance.Tests.Llm;

/// <summary>The walk-through of docs/llm.md, with its own files (tests/Strata.FakeLlm/scripts): a meeting note read by the
/// fake provider under its script rides out a storm of 429s, becomes contacts, a task and an event whose values point at
/// their characters, fails only the malformed item (with its raw output kept), and shows its cost on the run and in usage.</summary>
public sealed class LlmWalkThroughTests
{
    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "scripts", name);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_meeting_note_walk_through_rides_out_429s_and_keeps_the_raw_output_of_the_one_malformed_item(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        Assert.Equal(3, ScriptFile.Load(Script("meeting-note.json"), server.Script));
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, FakeProvider.Anthropic));
        // The LLM side records its calls at the system's time (FakeProvider): usage must look at the same month.
        strata.Clock.Advance(DateTimeOffset.UtcNow - strata.Clock.GetUtcNow());
        var user = await strata.UserAsync("alice");
        var note = await File.ReadAllTextAsync(Script("sync.md"));

        var result = await strata.Services.Ingest.IngestAsync(user,
            new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(note)), "sync.md") { Llm = true }, CancellationToken.None);

        Assert.Equal(RunStatuses.Completed, result.Interpretation.Status);
        var run = await strata.Services.Sources.GetRunAsync(user, result.Interpretation.RunId!, CancellationToken.None);
        var items = run.Items!;
        Assert.Equal((4, 3, 1), (items.Total, items.Completed, items.Failed));
        var failed = Assert.Single(items.Failures);
        Assert.Contains("the printer notes confused me", failed.RawOutput);
        Assert.Contains("PRINTER-JAM", note.Substring(failed.CharStart, failed.CharLength));
        Assert.True(items.CostUsd > 0m, "the run shows its cost");
        var usage = (await strata.Services.Usage.GetUsageAsync(user, CancellationToken.None)).Llm!;
        Assert.True(usage.CostUsd > 0m, "usage shows the month's cost");
        Assert.Equal(4, server.Requests.Count(r => r.Path.EndsWith("/messages", StringComparison.Ordinal)) - usage.Calls);
        Assert.Equal(["contact", "contact", "event", "task"], result.Interpretation.Entities!.Select(e => e.EntityType).Order());

        var review = result.Interpretation.Entities!.Single(e => e.EntityType == "event").EntityId;
        var location = await strata.Services.Entities.GetFieldProvenanceAsync(user, review, "location", CancellationToken.None);
        Assert.Equal("in Room 4", note.Substring(location.Evidence!.Start!.Value, location.Evidence.Length!.Value));
        Assert.Equal(RunItemStatuses.Completed, location.RunItem!.Status);
    }
}
