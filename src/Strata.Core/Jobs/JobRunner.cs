using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Strata.Core.Errors;
using Strata.Core.Tracing;

namespace Strata.Core.Jobs;

/// <summary>
/// Claims a job, runs its handler while a heartbeat keeps the lease, and settles the job as the handler says.
/// The poll loops of <see cref="WorkerHost"/>, a caller waiting for its own run, and tests all run jobs through this.
/// </summary>
public sealed partial class JobRunner
{
    private readonly IJobQueue _queue;
    private readonly IReadOnlyDictionary<string, IJobHandler> _handlers;
    private readonly WorkerOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public JobRunner(IJobQueue queue, IEnumerable<IJobHandler> handlers, WorkerOptions options, TimeProvider clock, ILogger<JobRunner> logger)
    {
        _queue = queue;
        _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    public IReadOnlyCollection<string> Kinds => _handlers.Keys.ToList();

    /// <summary>Claims and runs the next due job; false when none was due.</summary>
    /// <param name="stopping">Once cancelled, a job claimed in the same instant (the loop checked before it claimed)
    /// is handed straight back to the queue instead of run: a stopped worker runs nothing new.</param>
    public Task<bool> RunNextAsync(string owner, CancellationToken cancellationToken, CancellationToken stopping = default) =>
        RunNextAsync(new JobClaim(owner, Kinds, _options.LeaseDuration), cancellationToken, stopping);

    public async Task<bool> RunNextAsync(JobClaim claim, CancellationToken cancellationToken, CancellationToken stopping = default)
    {
        var job = await _queue.ClaimAsync(claim, cancellationToken);
        if (job is null) return false;
        if (stopping.IsCancellationRequested)
        {
            await ReleaseAsync(job);
            return false;
        }
        await RunAsync(job, claim.LeaseFor, cancellationToken);
        return true;
    }

    /// <summary>Runs due jobs one after another until none is due; returns how many ran.</summary>
    /// <remarks>Under the caller's lease (<see cref="WorkerOptions.CallerLeaseDuration"/>), not a worker's: whoever drains
    /// (<c>import --wait</c>, <c>worker --once</c>) is a command that may be killed, and the next command must take its jobs
    /// back within seconds, not minutes.</remarks>
    public async Task<int> DrainAsync(string owner, CancellationToken cancellationToken)
    {
        var count = 0;
        var claim = new JobClaim(owner, Kinds, _options.CallerLeaseDuration);
        while (await RunNextAsync(claim, cancellationToken)) count++;
        return count;
    }

    private async Task RunAsync(Job job, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var handler = _handlers[job.Kind];
        var context = new JobContext(job, _clock, leaseFor);
        // A child of the span that queued the job (carried in its row), so one trace runs from the request to the work.
        using var span = StrataTracing.Source.StartActivity("job " + job.Kind, ActivityKind.Consumer, StrataTracing.ParentFrom(job.TraceParent));
        span?.SetTag("strata.job.kind", job.Kind);
        span?.SetTag("strata.job.id", job.Id);
        span?.SetTag("strata.job.attempt", job.Attempt);
        JobResult result;
        using (var beating = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var heartbeat = BeatAsync(context, beating.Token);
            try
            {
                result = await handler.HandleAsync(context, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await beating.CancelAsync();
                await heartbeat;
                await ReleaseAsync(job);
                throw;
            }
            catch (Exception failure)
            {
                span?.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
                var retryAt = _clock.GetUtcNow() + handler.Retry.DelayAfter(job.Attempt);
                // A full disk is named by its stable code: space may come back before the last attempt, so it is retried.
                var error = StorageFull.Is(failure) ? $"{ErrorCodes.StorageFull}: {StorageFull.Error(failure).Message}" : $"{failure.GetType().Name}: {failure.Message}";
                result = JobResult.RetryAt(error, retryAt);
            }
            await beating.CancelAsync();
            await heartbeat;
        }
        await SettleAsync(job, result, cancellationToken);
    }

    private async Task SettleAsync(Job job, JobResult result, CancellationToken cancellationToken)
    {
        switch (result.Kind)
        {
            case JobResultKind.Settled:
                return;
            case JobResultKind.LeaseLost:
                LeaseLost(_logger, job.Id, job.Kind, job.Attempt);
                return;
            case JobResultKind.Completed:
                if (!await _queue.CompleteAsync(job.Lease, cancellationToken)) LeaseLost(_logger, job.Id, job.Kind, job.Attempt);
                return;
            case JobResultKind.Snoozed:
                if (!await _queue.SnoozeAsync(job.Lease, result.At!.Value, cancellationToken)) LeaseLost(_logger, job.Id, job.Kind, job.Attempt);
                return;
            default:
                var state = await _queue.FailAsync(job.Lease, result.Error!, result.Kind == JobResultKind.Retry ? result.At : null, cancellationToken);
                if (state is null) LeaseLost(_logger, job.Id, job.Kind, job.Attempt);
                else AttemptFailed(_logger, job.Id, job.Kind, job.Attempt, state, result.Error!);
                return;
        }
    }

    /// <summary>A stopping worker hands its job straight back rather than leaving it until the lease lapses.</summary>
    private async Task ReleaseAsync(Job job)
    {
        try
        {
            await _queue.SnoozeAsync(job.Lease, _clock.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception failure)
        {
            BeatFailed(_logger, job.Id, failure.Message);
        }
    }

    /// <summary>At least five beats per lease, so a short lease (a CLI's) survives a late or failed beat.</summary>
    private TimeSpan BeatEvery(TimeSpan leaseFor)
    {
        var fifth = leaseFor / 5;
        return fifth > TimeSpan.Zero && fifth < _options.HeartbeatInterval ? fifth : _options.HeartbeatInterval;
    }

    private async Task BeatAsync(JobContext context, CancellationToken cancellationToken)
    {
        var every = BeatEvery(context.LeaseFor);
        try
        {
            while (true)
            {
                await Task.Delay(every, _clock, cancellationToken);
                try
                {
                    // No warning here: a handler that settles its job inside its own transaction (an interpretation)
                    // completes it before it returns, so a beat that lands in between finds no lease to extend although
                    // nothing was lost. Whether a result was lost is known only when it is settled (SettleAsync).
                    if (!await _queue.ExtendLeaseAsync(context.Lease, context.LeaseFor, cancellationToken))
                    {
                        LeaseNotExtended(_logger, context.Job.Id, context.Job.Kind, context.Job.Attempt);
                        continue;
                    }
                    foreach (var beat in context.Heartbeats) await beat(cancellationToken);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    // A missed beat is not fatal: the next one may land, and the lease outlasts several intervals.
                    BeatFailed(_logger, context.Job.Id, failure.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job ended; so does its heartbeat.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) attempt {Attempt} lost its lease: another worker or the rescuer has it; its result was not recorded")]
    private static partial void LeaseLost(ILogger logger, long jobId, string kind, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) attempt {Attempt} failed and is now {State}: {Error}")]
    private static partial void AttemptFailed(ILogger logger, long jobId, string kind, int attempt, string state, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} ({Kind}) attempt {Attempt} holds no lease to extend (settled, rescued or cancelled)")]
    private static partial void LeaseNotExtended(ILogger logger, long jobId, string kind, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Heartbeat of job {JobId} failed: {Error}")]
    private static partial void BeatFailed(ILogger logger, long jobId, string error);
}
