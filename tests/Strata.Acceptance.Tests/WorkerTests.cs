using Microsoft.Extensions.Logging.Abstractions;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Jobs;

namespace Strata.Acceptance.Tests;

public sealed class WorkerTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task SeveralWorkersOnOneDatabaseCompleteEveryQueuedInterpretationExactlyOnce(string backend)
    {
        _strata = new TestStrata(configurationJson: """{"Worker": {"PollInterval": "0.05", "Concurrency": 2}}""", backend: backend);
        var user = await _strata.UserAsync("alice");
        var runs = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            var csv = $"name,email\nPerson {i}a,a{i}@example.com\nPerson {i}b,b{i}@example.com\n";
            runs.Add((await _strata.IngestTextAsync(user, $"people{i}.csv", csv, type: "contact", wait: false)).Interpretation.RunId!);
        }
        var workers = Enumerable.Range(1, 3).Select(i => _strata.Services.CreateWorkerHost(new Random(i))).ToList();
        using var stop = new CancellationTokenSource();
        var running = workers.Select(w => Task.Run(() => w.RunAsync(stop.Token))).ToList();

        await Eventually.TrueAsync(async () =>
            (await _strata.Services.Sources.ListRunsAsync(user, null, new Paging(100), None)).Runs.All(r => r.Status is "completed" or "failed"),
            "every queued run finished");
        await stop.CancelAsync();
        await Task.WhenAll(running);

        Assert.All(workers.SelectMany(w => w.Loops), loop => Assert.Equal(WorkerLoopStates.Stopped, loop.State));
        foreach (var runId in runs)
        {
            var run = await _strata.RunAsync(user, runId);
            Assert.Equal("completed", run.Status);
            Assert.Equal(2, run.ObservationsCreated);
        }
        var interpretJobs = _strata.Rows("SELECT state, attempt FROM jobs WHERE kind = 'interpret'");
        Assert.Equal(16, interpretJobs.Count);
        Assert.All(interpretJobs, job => Assert.Equal("state=completed|attempt=1", job));
        Assert.Equal(32, _strata.Counts()["observations"]);
        Assert.Equal(32, (await _strata.Services.Entities.RetrieveAsync(user, "contact", null, false, false, new Paging(100, IncludeTotal: true), None)).Total);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AStoppedWorkerDrainsTheJobInItsHandsThenStopsClaiming(string backend)
    {
        _strata = new TestStrata(configurationJson: """{"Worker": {"PollInterval": "0.05", "Concurrency": 2}}""", backend: backend);
        var gate = new GateHandler();
        var options = _strata.Services.Options.Worker with { Schedules = [] };
        var runner = new JobRunner(_strata.Services.Store.Jobs, [gate], options, _strata.Clock, NullLogger<JobRunner>.Instance);
        var worker = new WorkerHost(runner, _strata.Services.Store.Jobs, options, _strata.Clock, NullLogger<WorkerHost>.Instance, new Random(3));
        var inHand = await _strata.Services.Store.Jobs.EnqueueAsync(new JobRequest(GateHandler.KindName, "{}"), None);
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => worker.RunAsync(stop.Token));
        await gate.Entered.Task;

        await stop.CancelAsync();
        var late = await _strata.Services.Store.Jobs.EnqueueAsync(new JobRequest(GateHandler.KindName, "{}"), None);
        gate.Release.SetResult();
        await running;

        Assert.Equal(JobStates.Completed, (await _strata.Services.Store.Jobs.GetAsync(inHand!.Value, None))!.State);
        Assert.Equal(JobStates.Available, (await _strata.Services.Store.Jobs.GetAsync(late!.Value, None))!.State);
        Assert.All(worker.Loops, loop => Assert.Equal(WorkerLoopStates.Stopped, loop.State));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ALoopThatFailsBacksOffAndIsReportedUntilItRecovers(string backend)
    {
        _strata = new TestStrata(configurationJson: """{"Worker": {"PollInterval": "0.05", "Concurrency": 2}}""", backend: backend);
        var queue = new OutageQueue(_strata.Services.Store.Jobs) { Down = true };
        var options = _strata.Services.Options.Worker with { Schedules = [], MaxErrorBackoff = TimeSpan.FromMilliseconds(200), RescueEvery = TimeSpan.FromMilliseconds(100) };
        var runner = new JobRunner(queue, [new GateHandler()], options, _strata.Clock, NullLogger<JobRunner>.Instance);
        var worker = new WorkerHost(runner, queue, options, _strata.Clock, NullLogger<WorkerHost>.Instance, new Random(4));
        _strata.Services.Health.Watch(worker);
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => worker.RunAsync(stop.Token));

        await Eventually.TrueAsync(() => Task.FromResult(worker.Loops.Any(l => l.ConsecutiveErrors >= 3)), "the loop failed several times");
        var failing = (await _strata.Services.Health.CheckAsync(None)).Checks.Single(c => c.Name == $"worker {worker.Id}");
        queue.Down = false;
        await Eventually.TrueAsync(() => Task.FromResult(worker.Loops.All(l => l.ConsecutiveErrors == 0 && l.LastSuccessAt is not null)), "the loops recovered");
        var recovered = await _strata.Services.Health.CheckAsync(None);
        await stop.CancelAsync();
        await running;

        Assert.Equal("degraded", failing.Status);
        Assert.Contains("the queue is down", failing.Detail);
        Assert.Equal("ok", recovered.Checks.Single(c => c.Name == $"worker {worker.Id}").Status);
        Assert.Equal("ok", recovered.Status);
    }

    /// <summary>A job kind whose handler holds until the test releases it, and refuses to be cancelled quietly.</summary>
    private sealed class GateHandler : IJobHandler
    {
        public const string KindName = "test.gate";

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Kind => KindName;

        public RetryPolicy Retry { get; } = RetryPolicy.Exponential(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return JobResult.Completed;
        }
    }

    /// <summary>The real queue, unreachable on purpose while <see cref="Down"/> is set.</summary>
    private sealed class OutageQueue(IJobQueue inner) : IJobQueue
    {
        public volatile bool Down;

        private T Up<T>(T value) => Down ? throw new IOException("the queue is down (on purpose)") : value;

        public Task<long?> EnqueueAsync(JobRequest request, CancellationToken cancellationToken) => Up(inner).EnqueueAsync(request, cancellationToken);
        public Task<Job?> ClaimAsync(JobClaim claim, CancellationToken cancellationToken) => Up(inner).ClaimAsync(claim, cancellationToken);
        public Task<bool> ExtendLeaseAsync(JobLease lease, TimeSpan leaseFor, CancellationToken cancellationToken) => Up(inner).ExtendLeaseAsync(lease, leaseFor, cancellationToken);
        public Task<bool> CompleteAsync(JobLease lease, CancellationToken cancellationToken) => Up(inner).CompleteAsync(lease, cancellationToken);
        public Task<string?> FailAsync(JobLease lease, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken) => Up(inner).FailAsync(lease, error, retryAt, cancellationToken);
        public Task<bool> SnoozeAsync(JobLease lease, DateTimeOffset runAt, CancellationToken cancellationToken) => Up(inner).SnoozeAsync(lease, runAt, cancellationToken);
        public Task<int> RescueExpiredAsync(CancellationToken cancellationToken) => Up(inner).RescueExpiredAsync(cancellationToken);
        public Task<int> PruneAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken) => Up(inner).PruneAsync(finishedBefore, cancellationToken);
        public Task<Job?> GetAsync(long jobId, CancellationToken cancellationToken) => Up(inner).GetAsync(jobId, cancellationToken);
        public Task<Job?> FindBySubjectAsync(string kind, string subject, CancellationToken cancellationToken) => Up(inner).FindBySubjectAsync(kind, subject, cancellationToken);
        public Task<IReadOnlyList<JobCount>> CountAsync(CancellationToken cancellationToken) => Up(inner).CountAsync(cancellationToken);

        public Task<IReadOnlyList<JobCount>> CountBySubjectAsync(string kind, string subject, CancellationToken cancellationToken) =>
            Up(inner).CountBySubjectAsync(kind, subject, cancellationToken);
    }

    public void Dispose() => _strata?.Dispose();
}
