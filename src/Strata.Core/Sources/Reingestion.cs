using Strata.Core.Errors;
using Strata.Core.Jobs;
using Strata.Core.Operations;
using Strata.Core.Runs;
using Strata.Core.Storage;
using Strata.Core.Usage;

namespace Strata.Core.Sources;

/// <summary>
/// Ingesting bytes that are already a source. When their newest run completed, nothing is done (the caller hears
/// "deduplicated, use reinterpret"). Otherwise the bytes were never fully interpreted: a run that is still queued or
/// held by a live process is followed rather than doubled, and when the newest run failed, was cancelled, was left
/// behind by a job that will not run again (a killed CLI whose attempts ran out), or there is none, a new run starts.
/// </summary>
internal sealed class Reingestion(InterpretationRunner runner, QuotaGuard quotas, RunWaiter waiter, StrataOptions options, TimeProvider clock)
{
    /// <summary>A run to follow: an earlier one still under way, or one just started.</summary>
    public sealed record Rerun(Run Run, bool Earlier);

    /// <summary>The run to follow for <paramref name="source"/>, started in <paramref name="session"/> when needed, or
    /// null when nothing is to be done. Commits the session whenever it returns a run, so the caller may wait.</summary>
    public async Task<Rerun?> PrepareAsync(IStoreSession session, Source source, string? entityType, CancellationToken cancellationToken)
    {
        if (source.StorageStatus == StorageStatuses.Failed) return null;
        var interpreter = runner.For(source.MimeType);
        if (interpreter is null) return null;
        var runs = (await session.Runs.ListAsync(source.Id, new Paging(1), includeArchived: true, cancellationToken)).Items;
        var last = runs.Count > 0 ? runs[0] : null;
        if (last?.Status == RunStatuses.Completed) return null;
        if (last is { IsFinished: false })
        {
            var job = await session.Jobs.FindBySubjectAsync(JobKinds.Interpret, last.Id, cancellationToken);
            if (!AbandonedRuns.IsAbandonedBy(job))
            {
                await session.CommitAsync(cancellationToken); // nothing written: ends the transaction before the wait
                return new Rerun(last, Earlier: true);
            }
            // The run and its job were read by two statements: on PostgreSQL each sees what was committed when it began, so a
            // run that completed in between (its job settles with it) looks abandoned. The ledger fails only a run still
            // unfinished; when it finds it finished, what it finished as decides.
            if (!await RunLedger.FailAsync(session, last.Id, AbandonedRuns.ErrorFor(job), lease: null, clock.GetUtcNow(), cancellationToken)
                && (await session.Runs.GetAsync(last.Id, cancellationToken))?.Status == RunStatuses.Completed)
            {
                return null;
            }
        }
        await quotas.CountInterpretationAsync(session, cancellationToken);
        var type = entityType ?? (last is null ? null : RunConfig.EntityType(last.ConfigJson));
        var run = InterpretationRunner.NewRun(source.UserId, source, interpreter, type, clock.GetUtcNow());
        await RunLedger.OpenAsync(session, run, cancellationToken);
        await session.Jobs.EnqueueAsync(InterpretJobHandler.Request(run, options.Worker), cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new Rerun(run, Earlier: false);
    }

    /// <summary>What becomes of the run: waited for (the caller's own process works on it), or reported as queued.</summary>
    public async Task<InterpretationOutcome> FollowAsync(Source source, Rerun rerun, bool wait, CancellationToken cancellationToken)
    {
        var run = rerun.Run;
        if (source.StorageStatus == StorageStatuses.Pending)
        {
            return Queued(run, "The source's bytes are waiting for an upload retry; the run starts once they are uploaded.");
        }
        if (!wait)
        {
            return Queued(run, $"These bytes were never fully interpreted, so {(rerun.Earlier ? "their unfinished run" : "a new run")} is queued; follow it with list_runs (`strata runs`, GET /v1/runs).");
        }
        var outcome = await waiter.WaitAsync(source.UserId, run.Id, cancellationToken);
        if (outcome.Status == RunStatuses.Failed && RunErrors.Parse(outcome.Error) is { } rejected)
        {
            throw new StrataException(rejected.Code, $"{rejected.Message} (source {source.Id} is kept; its run {run.Id} failed with this error)");
        }
        return outcome;
    }

    private static InterpretationOutcome Queued(Run run, string reason) => new() { RunId = run.Id, Status = run.Status, Reason = reason };
}
