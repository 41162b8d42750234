using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Jobs;

namespace Strata.Acceptance.Tests;

public sealed class RunMaintenanceTests : IDisposable
{
    private readonly TestStrata _strata = new();
    private static readonly CancellationToken None = CancellationToken.None;

    private const string Note = "# Groceries\n\nmilk, eggs\n";

    /// <summary>A worker claims the run's job and marks the run running, as the interpret handler does before it works.</summary>
    private async Task<Job> StartOnWorkerAsync(string user, string runId, string worker)
    {
        var job = await _strata.Services.Store.Jobs.ClaimAsync(new JobClaim(worker, [JobKinds.Interpret], TimeSpan.FromHours(1)) { Subject = runId }, None);
        await using var session = await _strata.Services.Store.OpenAsync(user, write: true, None);
        Assert.True(await session.Runs.StartAsync(runId, _strata.Clock.GetUtcNow(), None));
        await session.CommitAsync(None);
        return job!;
    }

    [Fact]
    public async Task IT008_ARunWhoseHeartbeatIsFifteenMinutesOldIsFailedAndOneWithAFreshHeartbeatIsNot()
    {
        var user = await _strata.UserAsync("alice");
        var stale = (await _strata.IngestTextAsync(user, "stale.md", Note, wait: false)).Interpretation.RunId!;
        var fresh = (await _strata.IngestTextAsync(user, "fresh.md", Note + "bread\n", wait: false)).Interpretation.RunId!;
        var hung = await StartOnWorkerAsync(user, stale, "hung-worker");
        _strata.Clock.Advance(TimeSpan.FromMinutes(15));
        await StartOnWorkerAsync(user, fresh, "live-worker");

        var timedOut = await _strata.Services.Maintenance.TimeOutStaleRunsAsync(None);

        Assert.Equal(stale, Assert.Single(timedOut).RunId);
        var failed = await _strata.RunAsync(user, stale);
        Assert.Equal("failed", failed.Status);
        Assert.Equal("Timeout - no heartbeat", failed.Error);
        Assert.Equal(_strata.Clock.GetUtcNow(), failed.CompletedAt);
        Assert.Equal("running", (await _strata.RunAsync(user, fresh)).Status);

        // Its work is released: the job is cancelled, so the hung worker can neither complete it nor record a result.
        Assert.Equal(JobStates.Cancelled, (await _strata.Services.Store.Jobs.GetAsync(hung.Id, None))!.State);
        Assert.False(await _strata.Services.Store.Jobs.CompleteAsync(hung.Lease, None));
        await using (var late = await _strata.Services.Store.OpenAsync(user, write: true, None))
        {
            var run = (await late.Runs.GetAsync(stale, None))!;
            Assert.False(await late.Runs.FinishAsync(run with { Status = "completed", Error = null }, None));
        }
        Assert.Equal("failed", (await _strata.RunAsync(user, stale)).Status);
        Assert.Equal(1, _strata.Services.Metrics.Interpretations.Value("timeout"));
    }

    [Fact]
    public async Task TheTimeoutCleanupRunsOncePerPeriodAsAScheduledJobHoweverManyWorkersAsk()
    {
        var user = await _strata.UserAsync("alice");
        var stale = (await _strata.IngestTextAsync(user, "stale.md", Note, wait: false)).Interpretation.RunId!;
        await StartOnWorkerAsync(user, stale, "hung-worker");
        var first = _strata.Services.CreateWorkerHost(new Random(1));
        var second = _strata.Services.CreateWorkerHost(new Random(2));

        _strata.Clock.Advance(TimeSpan.FromMinutes(11));
        await first.ScheduleAsync(None);
        await second.ScheduleAsync(None);
        await _strata.RunDueJobsAsync();

        Assert.Equal("Timeout - no heartbeat", (await _strata.RunAsync(user, stale)).Error);
        var periodic = _strata.Rows("SELECT unique_key, state FROM jobs WHERE kind = @kind", new { kind = JobKinds.RunTimeouts });
        Assert.Equal(["unique_key=maintenance.run_timeouts@2024-03-01T09:10:00Z|state=completed"], periodic);
        _strata.Clock.Advance(TimeSpan.FromMinutes(5));
        await first.ScheduleAsync(None);
        Assert.Equal(2, _strata.Rows("SELECT id FROM jobs WHERE kind = @kind", new { kind = JobKinds.RunTimeouts }).Count);
    }

    [Fact]
    public async Task RunsFinishedMoreThan180DaysAgoAreArchivedKeptAndHiddenFromDefaultListings()
    {
        var user = await _strata.UserAsync("alice");
        var old = (await _strata.IngestTextAsync(user, "old.md", Note)).Interpretation.RunId!;
        _strata.Clock.Advance(TimeSpan.FromDays(2));
        var recent = (await _strata.IngestTextAsync(user, "recent.md", Note + "tea\n")).Interpretation.RunId!;
        _strata.Clock.Advance(TimeSpan.FromDays(179));

        Assert.Equal(1, await _strata.Services.Maintenance.ArchiveRunsAsync(None));

        var listed = await _strata.Services.Sources.ListRunsAsync(user, null, new Paging(), None);
        Assert.Equal([recent], listed.Runs.Select(r => r.RunId));
        Assert.Equal(1, listed.Total);
        var all = await _strata.Services.Sources.ListRunsAsync(user, null, new Paging(), includeArchived: true, None);
        Assert.Equal(2, all.Total);
        Assert.Equal(_strata.Clock.GetUtcNow(), all.Runs.Single(r => r.RunId == old).ArchivedAt);
        Assert.Null(all.Runs.Single(r => r.RunId == recent).ArchivedAt);
        Assert.Equal(0, await _strata.Services.Maintenance.ArchiveRunsAsync(None));
    }

    [Fact]
    public async Task AKilledWorkersInterpretationIsRescuedAndCompletedByAnotherWorker()
    {
        var user = await _strata.UserAsync("alice");
        var result = await _strata.IngestTextAsync(user, "notes.md", Note, wait: false);
        var lease = TimeSpan.FromMinutes(5);
        var killed = (await _strata.Services.Store.Jobs.ClaimAsync(new JobClaim("killed-worker", [JobKinds.Interpret], lease), None))!;
        await using (var session = await _strata.Services.Store.OpenAsync(user, write: true, None))
        {
            await session.Runs.StartAsync(result.Interpretation.RunId!, _strata.Clock.GetUtcNow(), None);
            await session.CommitAsync(None);
        }

        Assert.Equal(0, await _strata.RunDueJobsAsync()); // held by the killed worker's lease
        _strata.Clock.Advance(lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _strata.Services.Store.Jobs.RescueExpiredAsync(None));
        Assert.Equal(1, await _strata.RunDueJobsAsync());

        var run = await _strata.RunAsync(user, result.Interpretation.RunId!);
        Assert.Equal("completed", run.Status);
        Assert.Equal(1, run.ObservationsCreated);
        var job = (await _strata.Services.Store.Jobs.GetAsync(killed.Id, None))!;
        Assert.Equal((JobStates.Completed, 2), (job.State, job.Attempt));
        Assert.False(await _strata.Services.Store.Jobs.CompleteAsync(killed.Lease, None));
    }

    public void Dispose() => _strata.Dispose();
}
