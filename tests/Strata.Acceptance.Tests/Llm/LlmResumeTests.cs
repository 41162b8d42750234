using System.Text;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Runs;
using Strata.Core.Runs.Items;
using Strata.Core.Sources;
using Strata.FakeLlm;
using Strata.Core.Extraction.Packing;
using Strata.Core.Extraction;

namespace Strata.Acceptance.Tests.Llm;

/// <summary>A worker stopped mid-run leaves the items it held claimed; the next attempt at the run's job takes them
/// back, keeps what was completed, and completes the run: never stuck running, nothing done twice.</summary>
public sealed class LlmResumeTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_run_whose_worker_stopped_mid_call_is_taken_again_and_completes_every_item(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        var options = new LlmRunOptions { Packs = new PackCaps(1, 6_000, 3_000), ParallelPacks = 1 };
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, FakeProvider.Anthropic, options));
        var user = await strata.UserAsync("alice");
        var text = "# One\nFirst.\n\n# Two\nSecond.\n\n# Three\nThird.\n";
        var queued = await strata.Services.Ingest.IngestAsync(user,
            new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(text)), "notes.md", Wait: false) { Llm = true }, CancellationToken.None);
        var runId = queued.Interpretation.RunId!;
        // The second item's call hangs at the provider until the first worker is stopped.
        server.Script.When("Second.", FakeReply.EchoItems() with { Delay = TimeSpan.FromMinutes(1) }, times: 1);

        using (var stop = new CancellationTokenSource())
        {
            var first = Task.Run(() => strata.Services.Jobs.DrainAsync("first-worker", stop.Token));
            await Eventually.TrueAsync(() => Task.FromResult(server.RequestsInFlight == 1 && server.Requests.Count == 2), "the second item's call is in flight");
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        }
        var held = await ItemsAsync(strata, user, runId);
        // An attempt claims every pending item of its run when it starts.
        Assert.Equal([RunItemStatuses.Completed, RunItemStatuses.Claimed, RunItemStatuses.Claimed], held.Select(i => i.Status));

        await strata.RunDueJobsAsync();

        var items = await ItemsAsync(strata, user, runId);
        Assert.All(items, i => Assert.Equal(RunItemStatuses.Completed, i.Status));
        Assert.Equal([1, 2, 2], items.Select(i => i.Attempts)); // the completed item was not taken again
        Assert.Equal(2 + 2, server.Requests.Count); // the first attempt's two calls, then the two items left
        var run = await strata.Services.Sources.GetRunAsync(user, runId, CancellationToken.None);
        Assert.Equal(RunStatuses.Completed, run.Status);
        Assert.Equal(3, run.Items!.Completed);
    }

    private static async Task<IReadOnlyList<RunItem>> ItemsAsync(TestStrata strata, string user, string runId)
    {
        await using var session = await strata.Services.Store.OpenReadAsync(user, CancellationToken.None);
        return (await session.RunItems.ListAsync(runId, null, new Paging(10), CancellationToken.None)).Items;
    }
}
