using System.Text;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Runs;
using Strata.Core.Runs.Items;
using Strata.Core.Sources;
using Strata.FakeLlm;
using Strata.Llm.Packing;
using Strata.Llm.Runs;

namespace Strata.Acceptance.Tests.Llm;

/// <summary>A run that stops being worked on while its calls are in flight (cancelled, or failed by the run timeout)
/// commits nothing more, makes no further calls, and returns the items it held to pending.</summary>
public sealed class LlmCancelTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_run_cancelled_while_its_call_is_in_flight_stops_its_calls_and_releases_its_items(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        // The first call is held at the provider until the test has cancelled the run.
        server.Script.Reply(FakeReply.EchoItems() with { Delay = TimeSpan.FromSeconds(2) }, times: 1);
        var options = new LlmRunOptions { Packs = new PackCaps(1, 6_000, 3_000), ParallelPacks = 1 };
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, FakeProvider.OpenAi, options));
        var user = await strata.UserAsync("alice");
        var text = "# One\nFirst.\n\n# Two\nSecond.\n\n# Three\nThird.\n";
        var queued = await strata.Services.Ingest.IngestAsync(user,
            new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(text)), "notes.md", Wait: false) { Llm = true }, CancellationToken.None);
        var runId = queued.Interpretation.RunId!;

        var worker = Task.Run(strata.RunDueJobsAsync);
        await Eventually.TrueAsync(() => Task.FromResult(server.RequestsInFlight == 1), "the run's first call reached the provider");
        await using (var session = await strata.Services.Store.OpenAsync(user, write: true, CancellationToken.None))
        {
            var run = (await session.Runs.GetAsync(runId, CancellationToken.None))!;
            Assert.True(await session.Runs.FinishAsync(run with { Status = RunStatuses.Cancelled, CompletedAt = DateTimeOffset.UtcNow }, CancellationToken.None));
            await session.CommitAsync(CancellationToken.None);
        }
        await worker;

        Assert.Single(server.Requests); // nothing called after the cancel
        await using var read = await strata.Services.Store.OpenAsync(user, write: false, CancellationToken.None);
        var items = (await read.RunItems.ListAsync(runId, null, new Paging(10), CancellationToken.None)).Items;
        Assert.Equal(3, items.Count);
        Assert.All(items, i => Assert.Equal(RunItemStatuses.Pending, i.Status));
        Assert.Equal(RunStatuses.Cancelled, (await read.Runs.GetAsync(runId, CancellationToken.None))!.Status);
        Assert.Equal(0, (await read.Evidence.ListForRunAsync(runId, new Paging(10), CancellationToken.None)).Total);
    }
}
