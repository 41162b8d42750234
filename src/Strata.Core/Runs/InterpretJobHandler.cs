using Strata.Core.Errors;
using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Metrics;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Runs;

/// <summary>
/// Runs one queued interpretation: waits while the source's upload is pending, marks the run running (visible,
/// with a heartbeat beaten while it works), then interprets it in slices (<see cref="InterpretationRunner"/>); the
/// last slice records the run's outcome and completes the job in one transaction.
/// </summary>
public sealed class InterpretJobHandler(
    IStrataStore store,
    InterpretationRunner runner,
    StrataMetrics metrics,
    WorkerOptions options,
    TimeProvider clock,
    Extraction.LlmRunService llm) : IJobHandler
{
    public const string RunIdKey = "run_id";

    public string Kind => JobKinds.Interpret;

    private static readonly TimeSpan BusyPause = TimeSpan.FromSeconds(2);

    /// <summary>Also the backoff of an attempt that timed out (see <see cref="Maintenance.MaintenanceService.TimeOutStaleRunsAsync"/>).</summary>
    public static RetryPolicy Retries { get; } = RetryPolicy.Exponential(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    public RetryPolicy Retry => Retries;

    public static JobRequest Request(Run run, WorkerOptions options) => new(JobKinds.Interpret, JobPayload.Of(RunIdKey, run.Id), run.UserId)
    {
        Subject = run.Id,
        UniqueKey = "interpret:" + run.Id,
        MaxAttempts = options.InterpretMaxAttempts,
    };

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var userId = context.Job.UserId ?? throw new InvalidOperationException($"Interpret job {context.Job.Id} has no user.");
        var runId = JobPayload.Read(context.Job, RunIdKey);
        Run? run;
        Source? source;
        await using (var read = await store.OpenReadAsync(userId, cancellationToken))
        {
            run = await read.Runs.GetAsync(runId, cancellationToken);
            source = run is null ? null : await read.Sources.GetAsync(run.SourceId, cancellationToken);
        }
        if (run is null || run.IsFinished) return JobResult.Completed; // timed out or cancelled meanwhile: nothing left to do
        if (source is null) return await FailRunAsync(context, run, $"Source {run.SourceId} no longer exists.", cancellationToken);
        if (source.StorageStatus == StorageStatuses.Pending) return JobResult.SnoozeUntil(clock.GetUtcNow() + options.UploadWaitPoll);
        if (source.StorageStatus == StorageStatuses.Failed)
        {
            return await FailRunAsync(context, run, $"The source's bytes never reached the blob store: {source.StorageError}", cancellationToken);
        }
        if (run.Interpreter == LlmInterpreter.Name) return await RunWithLlmAsync(context, run, source, cancellationToken);
        var interpreter = runner.Named(run.Interpreter);
        if (interpreter is null) return await FailRunAsync(context, run, $"No interpreter named '{run.Interpreter}' is available.", cancellationToken);

        await using (var start = await store.OpenWriteAsync(userId, cancellationToken))
        {
            if (!await RunLedger.StartAsync(start, runId, clock.GetUtcNow(), cancellationToken)) return JobResult.Completed;
            await start.CommitAsync(cancellationToken);
        }
        context.OnHeartbeat(token => RunLedger.BeatAsync(store, userId, runId, clock.GetUtcNow(), token));

        var started = clock.GetTimestamp();
        try
        {
            Run? current;
            await using (var read = await store.OpenReadAsync(userId, cancellationToken))
            {
                current = await read.Runs.GetAsync(runId, cancellationToken);
            }
            if (current is null || current.IsFinished) return JobResult.Completed;
            var leaseLost = false;
            var finished = await runner.InterpretAsync(store, current, source, interpreter,
                async (session, token) => !(leaseLost = !await RunLedger.CompleteJobAsync(session, context.Lease, token)), cancellationToken);
            // Null: the run finished meanwhile (timed out, cancelled), or our lease was taken (rescued after a missed
            // heartbeat) and another attempt owns the work now; the slice in hand was not committed.
            if (finished is null) return leaseLost ? JobResult.LeaseLost : JobResult.Settled;
            metrics.InterpretationFinished(InterpretationOutcomes.Completed, clock.GetElapsedTime(started), finished.UnknownFieldsCount);
            return JobResult.Settled;
        }
        catch (Exception failure) when (StoreBusy.Is(failure))
        {
            // Another writer held the database past the wait: not this run's fault. It resumes after its last
            // committed slice, and waiting does not use up an attempt.
            return JobResult.SnoozeUntil(clock.GetUtcNow() + BusyPause);
        }
        catch (StrataException failure) when (failure.Code is ErrorCodes.MalformedContent or ErrorCodes.ValidationFailed)
        {
            // The same bytes fail the same way every time: record it on the run rather than retry.
            return await FailRunAsync(context, run, RunErrors.Of(failure), cancellationToken, clock.GetElapsedTime(started));
        }
        catch (Exception failure) when (failure is not OperationCanceledException && context.Job.IsLastAttempt)
        {
            var error = StorageFull.Is(failure) ? RunErrors.Of(StorageFull.Error(failure)) : $"{failure.GetType().Name}: {failure.Message}";
            return await FailRunAsync(context, run, error, cancellationToken, clock.GetElapsedTime(started));
        }
    }

    /// <summary>An LLM run is worked on by the LLM library, which settles the run and the job itself; what it cannot start
    /// (no model configured on this worker) fails the run with the code.</summary>
    private async Task<JobResult> RunWithLlmAsync(JobContext context, Run run, Source source, CancellationToken cancellationToken)
    {
        try
        {
            return await llm.RunAsync(context, run, source, cancellationToken);
        }
        catch (StrataException failure) when (failure.Code is ErrorCodes.LlmNotConfigured or ErrorCodes.UnsupportedMediaType)
        {
            return await FailRunAsync(context, run, RunErrors.Of(failure), cancellationToken);
        }
    }

    /// <summary>Fails the run with the error and the job with it, in one transaction.</summary>
    private async Task<JobResult> FailRunAsync(JobContext context, Run run, string error, CancellationToken cancellationToken, TimeSpan? took = null)
    {
        if (await RunLedger.FailAsync(store, run.UserId, run.Id, error, context.Lease, clock.GetUtcNow(), cancellationToken))
        {
            metrics.InterpretationFinished(InterpretationOutcomes.Failed, took, 0);
        }
        return JobResult.Settled;
    }
}
