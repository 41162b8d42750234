using Microsoft.Extensions.Logging;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Jobs;
using Strata.Core.Storage;

namespace Strata.Acceptance.Tests;

/// <summary>Leases as the job runner keeps them: what it reports when a heartbeat finds no lease, and when a result
/// is really refused.</summary>
public sealed class LeaseTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AJobThatSettlesItselfIsNotReportedAsHavingLostItsLeaseWhenAHeartbeatLandsAfterIt(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var log = new CapturingLogger<JobRunner>();
        var handler = new SelfSettlingHandler(_strata.Services.Store, log);
        var options = _strata.Services.Options.Worker with { HeartbeatInterval = TimeSpan.FromMilliseconds(20) };
        var runner = new JobRunner(_strata.Services.Store.Jobs, [handler], options, _strata.Clock, log);
        var id = await _strata.Services.Store.Jobs.EnqueueAsync(new JobRequest(SelfSettlingHandler.KindName, "{}"), None);

        Assert.True(await runner.RunNextAsync("worker", None));

        Assert.Equal(JobStates.Completed, (await _strata.Services.Store.Jobs.GetAsync(id!.Value, None))!.State);
        Assert.Contains(log.Lines, line => line.Text.Contains($"Job {id} ", StringComparison.Ordinal)); // the beat did land
        Assert.DoesNotContain(log.Lines, line => line.Level >= LogLevel.Warning);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AJobWhoseLeaseWasRescuedReportsTheLostLeaseWhenItsResultIsRefused(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var log = new CapturingLogger<JobRunner>();
        var handler = new OutlivedHandler(_strata);
        var runner = new JobRunner(_strata.Services.Store.Jobs, [handler], _strata.Services.Options.Worker, _strata.Clock, log);
        var id = await _strata.Services.Store.Jobs.EnqueueAsync(new JobRequest(OutlivedHandler.KindName, "{}"), None);

        Assert.True(await runner.RunNextAsync("worker", None));

        var warning = Assert.Single(log.Lines, line => line.Level == LogLevel.Warning);
        Assert.Equal($"Job {id} ({OutlivedHandler.KindName}) attempt 1 lost its lease: another worker or the rescuer has it; its result was not recorded",
            warning.Text);
        Assert.Equal(JobStates.Retryable, (await _strata.Services.Store.Jobs.GetAsync(id!.Value, None))!.State);
    }

    /// <summary>Completes its own job (as an interpretation does, inside the transaction of its work), then holds
    /// until the runner's heartbeat has tried to extend the lease, then returns.</summary>
    private sealed class SelfSettlingHandler(IStrataStore store, CapturingLogger<JobRunner> log) : IJobHandler
    {
        public const string KindName = "test.self_settling";

        public string Kind => KindName;

        public RetryPolicy Retry { get; } = RetryPolicy.Exponential(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
        {
            Assert.True(await store.Jobs.CompleteAsync(context.Lease, cancellationToken));
            await Eventually.TrueAsync(() => Task.FromResult(log.Lines.Any(l => l.Text.Contains($"Job {context.Job.Id} ", StringComparison.Ordinal))),
                "a heartbeat after the job settled");
            return JobResult.Settled;
        }
    }

    /// <summary>Works past its lease: the rescuer hands the job back to the queue before the handler finishes.</summary>
    private sealed class OutlivedHandler(TestStrata strata) : IJobHandler
    {
        public const string KindName = "test.outlived";

        public string Kind => KindName;

        public RetryPolicy Retry { get; } = RetryPolicy.Exponential(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
        {
            strata.Clock.Advance(context.LeaseFor + TimeSpan.FromSeconds(1));
            Assert.Equal(1, await strata.Services.Store.Jobs.RescueExpiredAsync(cancellationToken));
            return JobResult.Completed;
        }
    }

    public void Dispose() => _strata?.Dispose();
}
