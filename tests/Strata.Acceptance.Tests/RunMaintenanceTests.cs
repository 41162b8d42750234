using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Jobs;

namespace Strata.Acceptance.Tests;

public sealed class RunMaintenanceTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    private const string Note = "# Groceries\n\nmilk, eggs\n";

    /// <summary>A worker claims the run's job and marks the run running, as the interpret handler does before it works.</summary>
    private async Task<Job> StartOnWorkerAsync(string user, string runId, string worker)
    {
        var job = await _strata.Services.Store.Jobs.ClaimAsync(new JobClaim(worker, [JobKinds.Interpret], TimeSpan.FromHours(1)) { Subject = runId }, None);
        await using var session = await _strata.Services.Store.OpenWriteAsync(user, None);
        Assert.True(await session.Runs.StartAsync(runId, _strata.Clock.GetUtcNow(), None));
        await session.CommitAsync(None);
        return job!;
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT008_ARunWhoseHeartbeatIsFifteenMinutesOldIsTakenFromItsHungWorkerAndRetriedAndOneWithAFreshHeartbeatIsNot(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var user = await _strata.UserAsync("alice");
        var stale = (await _strata.IngestTextAsync(user, "stale.md", Note, wait: false)).Interpretation.RunId!;
        var fresh = (await _strata.IngestTextAsync(user, "fresh.md", Note + "bread\n", wait: false)).Interpretation.RunId!;
        var hung = await StartOnWorkerAsync(user, stale, "hung-worker");
        _strata.Clock.Advance(TimeSpan.FromMinutes(15));
        await StartOnWorkerAsync(user, fresh, "live-worker");

        var timedOut = await _strata.Services.Maintenance.TimeOutStaleRunsAsync(None);

        // Attempt 1 of 3 timed out: the job goes back to the queue with a backoff, and the run is not failed.
        Assert.Empty(timedOut);
        var job = (await _strata.Services.Store.Jobs.GetAsync(hung.Id, None))!;
        Assert.Equal((JobStates.Retryable, 1), (job.State, job.Attempt));
        Assert.StartsWith("Timeout - no heartbeat", job.LastError);
        Assert.True(job.ScheduledAt > _strata.Clock.GetUtcNow());
        Assert.Equal("running", (await _strata.RunAsync(user, stale)).Status);
        Assert.Equal("running", (await _strata.RunAsync(user, fresh)).Status);

        // The hung worker can no longer record a result; the retry, once due, completes the run.
        Assert.False(await _strata.Services.Store.Jobs.CompleteAsync(hung.Lease, None));
        _strata.Clock.Advance(job.ScheduledAt - _strata.Clock.GetUtcNow());
        await _strata.RunDueJobsAsync();
        var run = await _strata.RunAsync(user, stale);
        Assert.Equal(("completed", 1), (run.Status, run.ObservationsCreated));
        Assert.Equal(2, (await _strata.Services.Store.Jobs.GetAsync(hung.Id, None))!.Attempt);
        Assert.Equal(0, _strata.Services.Metrics.Interpretations.Value("timeout"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ARunWhoseLastAttemptTimedOutIsFailedWithAnErrorThatSaysSo(string backend)
    {
        _strata = new TestStrata(configurationJson: """{"Worker": {"InterpretMaxAttempts": 1}}""", backend: backend);
        var user = await _strata.UserAsync("alice");
        var stale = (await _strata.IngestTextAsync(user, "stale.md", Note, wait: false)).Interpretation.RunId!;
        var hung = await StartOnWorkerAsync(user, stale, "hung-worker");
        _strata.Clock.Advance(TimeSpan.FromMinutes(15));

        var timedOut = await _strata.Services.Maintenance.TimeOutStaleRunsAsync(None);

        Assert.Equal(stale, Assert.Single(timedOut).RunId);
        var failed = await _strata.RunAsync(user, stale);
        Assert.Equal("failed", failed.Status);
        Assert.StartsWith("Timeout - no heartbeat: gave up after attempt 1 of 1; the last one ended with: Timeout - no heartbeat for 00:10:00", failed.Error);
        Assert.Equal(_strata.Clock.GetUtcNow(), failed.CompletedAt);
        Assert.Equal(JobStates.Failed, (await _strata.Services.Store.Jobs.GetAsync(hung.Id, None))!.State);
        await using (var late = await _strata.Services.Store.OpenWriteAsync(user, None))
        {
            var run = (await late.Runs.GetAsync(stale, None))!;
            Assert.False(await late.Runs.FinishAsync(run with { Status = "completed", Error = null }, None));
        }
        Assert.Equal(1, _strata.Services.Metrics.Interpretations.Value("timeout"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AKilledCallersRunIsRequeuedAndCompletedByTheNextMaintenanceNotFailedForGood(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var user = await _strata.UserAsync("alice");
        var runId = (await _strata.IngestTextAsync(user, "notes.md", Note, wait: false)).Interpretation.RunId!;
        // A CLI claimed its own run under its short lease, marked it running, and was killed.
        var lease = _strata.Services.Options.Worker.CallerLeaseDuration;
        var killed = (await _strata.Services.Store.Jobs.ClaimAsync(new JobClaim("wait:killed", [JobKinds.Interpret], lease) { Subject = runId }, None))!;
        await using (var session = await _strata.Services.Store.OpenWriteAsync(user, None))
        {
            await session.Runs.StartAsync(runId, _strata.Clock.GetUtcNow(), None);
            await session.CommitAsync(None);
        }

        // Nobody looks for ten minutes, then a worker runs its periodic maintenance and whatever is due.
        _strata.Clock.Advance(TimeSpan.FromMinutes(11));
        await _strata.Services.CreateWorkerHost(new Random(1)).ScheduleAsync(None);
        await _strata.RunDueJobsAsync();

        var run = await _strata.RunAsync(user, runId);
        Assert.Equal(("completed", 1), (run.Status, run.ObservationsCreated));
        var job = (await _strata.Services.Store.Jobs.GetAsync(killed.Id, None))!;
        Assert.Equal((JobStates.Completed, 2), (job.State, job.Attempt));
        Assert.False(await _strata.Services.Store.Jobs.CompleteAsync(killed.Lease, None));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task TheTimeoutCleanupRunsOncePerPeriodAsAScheduledJobHoweverManyWorkersAsk(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var user = await _strata.UserAsync("alice");
        var stale = (await _strata.IngestTextAsync(user, "stale.md", Note, wait: false)).Interpretation.RunId!;
        await StartOnWorkerAsync(user, stale, "hung-worker");
        var first = _strata.Services.CreateWorkerHost(new Random(1));
        var second = _strata.Services.CreateWorkerHost(new Random(2));

        _strata.Clock.Advance(TimeSpan.FromMinutes(11));
        await first.ScheduleAsync(None);
        await second.ScheduleAsync(None);
        await _strata.RunDueJobsAsync();

        Assert.StartsWith("last_error=Timeout - no heartbeat", _strata.Rows("SELECT last_error FROM jobs WHERE subject = @stale", new { stale }).Single());
        var periodic = _strata.Rows("SELECT unique_key, state FROM jobs WHERE kind = @kind", new { kind = JobKinds.RunTimeouts });
        Assert.Equal(["unique_key=maintenance.run_timeouts@2024-03-01T09:10:00Z|state=completed"], periodic);
        _strata.Clock.Advance(TimeSpan.FromMinutes(5));
        await first.ScheduleAsync(None);
        Assert.Equal(2, _strata.Rows("SELECT id FROM jobs WHERE kind = @kind", new { kind = JobKinds.RunTimeouts }).Count);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task RunsFinishedMoreThan180DaysAgoAreArchivedKeptAndHiddenFromDefaultListings(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var user = await _strata.UserAsync("alice");
        var old = (await _strata.IngestTextAsync(user, "old.md", Note)).Interpretation.RunId!;
        _strata.Clock.Advance(TimeSpan.FromDays(2));
        var recent = (await _strata.IngestTextAsync(user, "recent.md", Note + "tea\n")).Interpretation.RunId!;
        _strata.Clock.Advance(TimeSpan.FromDays(179));

        Assert.Equal(1, await _strata.Services.Maintenance.ArchiveRunsAsync(None));

        var listed = await _strata.Services.Sources.ListRunsAsync(user, null, new Paging(IncludeTotal: true), None);
        Assert.Equal([recent], listed.Runs.Select(r => r.RunId));
        Assert.Equal(1, listed.Total);
        var all = await _strata.Services.Sources.ListRunsAsync(user, null, new Paging(IncludeTotal: true), includeArchived: true, None);
        Assert.Equal(2, all.Total);
        Assert.Equal(_strata.Clock.GetUtcNow(), all.Runs.Single(r => r.RunId == old).ArchivedAt);
        Assert.Null(all.Runs.Single(r => r.RunId == recent).ArchivedAt);
        Assert.Equal(0, await _strata.Services.Maintenance.ArchiveRunsAsync(None));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AKilledWorkersInterpretationIsRescuedAndCompletedByAnotherWorker(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var user = await _strata.UserAsync("alice");
        var result = await _strata.IngestTextAsync(user, "notes.md", Note, wait: false);
        var lease = TimeSpan.FromMinutes(5);
        var killed = (await _strata.Services.Store.Jobs.ClaimAsync(new JobClaim("killed-worker", [JobKinds.Interpret], lease), None))!;
        await using (var session = await _strata.Services.Store.OpenWriteAsync(user, None))
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

    public void Dispose() => _strata?.Dispose();
}
