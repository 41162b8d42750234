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

/// <summary>A run that stops being worked on while its calls are in flight (cancelled, or failed by the run timeout)
/// commits nothing more, makes no further calls, and returns the items it held to pending.</summary>
public sealed class LlmCancelTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_run_cancelled_while_its_call_is_in_flight_stops_its_calls_and_releases_its_items(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        // The first call is held at the provider until the test has cancelled the run (released below, not timed).
        server.Hold();
        var options = new LlmRunOptions { Packs = new PackCaps(1, 6_000, 3_000), ParallelPacks = 1 };
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, FakeProvider.OpenAi, options));
        var user = await strata.UserAsync("alice");
        var text = "# One\nFirst.\n\n# Two\nSecond.\n\n# Three\nThird.\n";
        var queued = await strata.Services.Ingest.IngestAsync(user,
            new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(text)), "notes.md", Wait: false) { Llm = true }, CancellationToken.None);
        var runId = queued.Interpretation.RunId!;

        var worker = Task.Run(strata.RunDueJobsAsync);
        await Eventually.TrueAsync(() => Task.FromResult(server.RequestsInFlight == 1), "the run's first call reached the provider");
        await using (var session = await strata.Services.Store.OpenWriteAsync(user, CancellationToken.None))
        {
            var run = (await session.Runs.GetAsync(runId, CancellationToken.None))!;
            Assert.True(await session.Runs.FinishAsync(run with { Status = RunStatuses.Cancelled, CompletedAt = DateTimeOffset.UtcNow }, CancellationToken.None));
            await session.CommitAsync(CancellationToken.None);
        }
        server.Release();
        await worker;

        Assert.Single(server.Requests); // nothing called after the cancel
        await using var read = await strata.Services.Store.OpenReadAsync(user, CancellationToken.None);
        var items = (await read.RunItems.ListAsync(runId, null, new Paging(10), CancellationToken.None)).Items;
        Assert.Equal(3, items.Count);
        Assert.All(items, i => Assert.Equal(RunItemStatuses.Pending, i.Status));
        Assert.Equal(RunStatuses.Cancelled, (await read.Runs.GetAsync(runId, CancellationToken.None))!.Status);
        Assert.Equal(0, (await read.Evidence.ListForRunAsync(runId, new Paging(10), CancellationToken.None)).Total);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Cancel_run_stops_the_call_in_flight_at_once_and_releases_the_items(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        // Held and never released: the worker can only return because the cancel stopped its call.
        server.Hold();
        var options = new LlmRunOptions { Packs = new PackCaps(1, 6_000, 3_000), ParallelPacks = 1 };
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, FakeProvider.OpenAi, options));
        var user = await strata.UserAsync("alice");
        var queued = await strata.Services.Ingest.IngestAsync(user,
            new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes("# One\nFirst.\n\n# Two\nSecond.\n")), "notes.md", Wait: false) { Llm = true },
            CancellationToken.None);
        var runId = queued.Interpretation.RunId!;
        var worker = Task.Run(strata.RunDueJobsAsync);
        await Eventually.TrueAsync(() => Task.FromResult(server.RequestsInFlight == 1), "the run's first call reached the provider");

        var cancelled = await strata.Services.RunCancellation.CancelAsync(user, runId, CancellationToken.None);
        await worker.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(RunStatuses.Cancelled, cancelled.Status);
        Assert.Single(server.Requests);
        await Eventually.TrueAsync(() => Task.FromResult(server.RequestsInFlight == 0), "the provider saw the call dropped");
        await using var read = await strata.Services.Store.OpenReadAsync(user, CancellationToken.None);
        var items = (await read.RunItems.ListAsync(runId, null, new Paging(10), CancellationToken.None)).Items;
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal(RunItemStatuses.Pending, i.Status));
        Assert.Equal(RunStatuses.Cancelled, (await read.Runs.GetAsync(runId, CancellationToken.None))!.Status);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_pending_run_cancelled_before_a_worker_takes_it_makes_no_call_and_cannot_be_cancelled_twice(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, FakeProvider.OpenAi));
        var user = await strata.UserAsync("alice");
        var queued = await strata.Services.Ingest.IngestAsync(user,
            new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes("A note.")), "note.md", Wait: false) { Llm = true }, CancellationToken.None);
        var runId = queued.Interpretation.RunId!;

        var cancelled = await strata.Services.RunCancellation.CancelAsync(user, runId, CancellationToken.None);
        await strata.RunDueJobsAsync();
        var again = await Assert.ThrowsAsync<Core.Errors.StrataException>(() => strata.Services.RunCancellation.CancelAsync(user, runId, CancellationToken.None));

        Assert.Equal((RunStatuses.Cancelled, "Cancelled by the user."), (cancelled.Status, cancelled.Error));
        Assert.Empty(server.Requests);
        Assert.Equal(RunStatuses.Cancelled, (await strata.Services.Sources.GetRunAsync(user, runId, CancellationToken.None)).Status);
        Assert.Equal(Core.Errors.ErrorCodes.RunNotCancellable, again.Code);
        Assert.Contains("already finished (cancelled", again.Message);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_finished_run_is_not_cancellable_and_another_users_run_is_not_found(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        var bob = await strata.UserAsync("bob");
        var done = await strata.IngestTextAsync(alice, "people.csv", "name,email\nAda,ada@example.com\n", type: "contact");
        var runId = done.Interpretation.RunId!;

        var finished = await Assert.ThrowsAsync<Core.Errors.StrataException>(() => strata.Services.RunCancellation.CancelAsync(alice, runId, CancellationToken.None));
        var others = await Assert.ThrowsAsync<Core.Errors.StrataException>(() => strata.Services.RunCancellation.CancelAsync(bob, runId, CancellationToken.None));
        var missing = await Assert.ThrowsAsync<Core.Errors.StrataException>(() => strata.Services.RunCancellation.CancelAsync(bob, "run_0000000000000000000000000", CancellationToken.None));

        Assert.Equal(Core.Errors.ErrorCodes.RunNotCancellable, finished.Code);
        Assert.Equal(Core.Errors.ErrorCodes.RunNotFound, others.Code);
        Assert.Equal(Core.Errors.ErrorCodes.RunNotFound, missing.Code);
        Assert.Equal(RunStatuses.Completed, (await strata.Services.Sources.GetRunAsync(alice, runId, CancellationToken.None)).Status);
    }
}
