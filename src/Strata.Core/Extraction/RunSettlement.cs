using Microsoft.Extensions.Logging;
using Strata.Core.Errors;
using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Runs;
using Strata.Core.Storage;
using Strata.Core.Llm.Calls;

namespace Strata.Core.Extraction;

/// <summary>
/// How an attempt at an LLM run ends other than by finishing its work, the same for runs over a source's chunks and
/// runs over a document's blocks: a refused key, a used-up budget or a provider this host has no configuration for fails
/// the run at once (no further call could succeed), a run stopped elsewhere (cancelled, timed out, finished by another
/// worker) gives back what this attempt held, and a heartbeat that finds the run no longer running stops this attempt's calls.
/// </summary>
internal sealed partial class RunSettlement(IStrataStore store, TimeProvider clock, ILogger logger, string runKind)
{
    /// <summary>Runs the attempt's calls and settles the run when they end in one of the ways above.</summary>
    public async Task<JobResult> GuardAsync(JobContext context, Run run, string provider, Func<Task<JobResult>> attempt, CancellationToken cancellationToken)
    {
        try
        {
            return await attempt();
        }
        catch (LlmCallException auth) when (auth.Kind == LlmFailureKind.Auth)
        {
            LogAuthFailed(logger, runKind, run.Id, provider);
            return await FailAsync(context, run, ErrorCodes.LlmAuthFailed,
                $"Provider '{provider}' refused the key ({auth.StatusCode}): {auth.Message} Set a working key; no further calls were made.", cancellationToken);
        }
        catch (StrataException refused) when (refused.Code is ErrorCodes.LlmBudgetExceeded or ErrorCodes.LlmNotConfigured)
        {
            return await FailAsync(context, run, refused.Code, refused.Message, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The run finished elsewhere (cancelled, timed out) or another attempt moved it on: our calls stopped; what we
            // held goes back to pending, and the job has nothing left to do.
            await ReleaseAsync(run, cancellationToken);
            return JobResult.Completed;
        }
    }

    /// <summary>The client for the provider a queued run asks for, with the user's own key for it (the server's when they stored
    /// none). A provider this host has no configuration for gets a client that answers <c>LLM_NOT_CONFIGURED</c> at the call,
    /// which <see cref="GuardAsync"/> turns into the run's failure. When the user's stored key cannot be opened (sealed under
    /// another server key), the run and its job are failed instead and <see cref="RunProvider.Failed"/> says so.</summary>
    public async Task<RunProvider> ClientAsync(JobContext context, Run run, string provider, ILanguageModels models, IProviderKeySealer? keys,
        CancellationToken cancellationToken)
    {
        try
        {
            return new RunProvider(models.Client(provider, await RunModel.UserKeyAsync(store, keys, run.UserId, provider, cancellationToken)), null);
        }
        catch (StrataException unreadable) when (unreadable.Code == ErrorCodes.LlmKeyUnreadable)
        {
            return RunProvider.Refused(await FailAsync(context, run, unreadable.Code, unreadable.Message, cancellationToken));
        }
    }

    /// <summary>Fails the run with the code and the job with it, and returns its claimed items to pending, in one transaction.</summary>
    public async Task<JobResult> FailAsync(JobContext context, Run run, string code, string message, CancellationToken cancellationToken)
    {
        await RunLedger.FailAsync(store, run.UserId, run.Id, $"{code}: {message}", context.Lease, clock.GetUtcNow(), cancellationToken);
        return JobResult.Settled;
    }

    /// <summary>With nothing pending or claimed: completes the run under the ledger's status rule (<paramref name="detail"/> says
    /// where the failed items' errors are) and its job, in the session's transaction, and commits.</summary>
    public async Task<JobResult> CompleteAsync(IStoreSession session, JobContext context, Run current, RunProgress progress,
        Runs.Items.RunItemSummary summary, string detail, CancellationToken cancellationToken)
    {
        var finished = await RunLedger.CompleteAsync(session, current, progress, summary, clock.GetUtcNow(), cancellationToken, detail);
        if (finished is null) return JobResult.Completed;
        if (!await RunLedger.CompleteJobAsync(session, context.Lease, cancellationToken)) return JobResult.LeaseLost;
        await session.CommitAsync(cancellationToken);
        LogFinished(logger, runKind, current.Id, finished.Status, summary.Completed, summary.Failed);
        return JobResult.Settled;
    }

    /// <summary>Returns the run's claimed items to pending.</summary>
    public async Task ReleaseAsync(Run run, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(run.UserId, cancellationToken);
        await session.RunItems.ReleaseClaimedAsync(run.Id, clock.GetUtcNow(), cancellationToken);
        await session.CommitAsync(cancellationToken);
    }

    /// <summary>Beats the run's heartbeat; a run no longer running (cancelled, timed out) stops this attempt's calls.</summary>
    public async Task BeatAsync(Run run, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        var running = await RunLedger.BeatAsync(store, run.UserId, run.Id, clock.GetUtcNow(), cancellationToken);
        if (!running) await stop.CancelAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{RunKind} run {RunId} {Status}: {Completed} items completed, {Failed} failed")]
    private static partial void LogFinished(ILogger logger, string runKind, string runId, string status, int completed, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RunKind} run {RunId} failed: provider {Provider} refused the key")]
    private static partial void LogAuthFailed(ILogger logger, string runKind, string runId, string provider);
}
