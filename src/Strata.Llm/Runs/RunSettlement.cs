using Microsoft.Extensions.Logging;
using Strata.Core.Errors;
using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Runs;
using Strata.Core.Storage;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Configuration;

namespace Strata.Llm.Runs;

/// <summary>
/// How an attempt at an LLM run ends other than by finishing its work, the same for runs over a source's chunks and
/// runs over a document's blocks: a refused key or a used-up budget fails the run at once (no further call could
/// succeed), a run stopped elsewhere (cancelled, timed out, finished by another worker) gives back what this attempt
/// held, and a heartbeat that finds the run no longer running stops this attempt's calls.
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
        catch (StrataException refused) when (refused.Code == ErrorCodes.LlmBudgetExceeded)
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

    /// <summary>The provider a queued run asks for and the user's own key for it (null when they stored none: the calls then use
    /// the server's). When this worker has no configuration for the provider, or the user's stored key cannot be opened (sealed
    /// under another server key), the run and its job are failed instead and <see cref="RunProvider.Failed"/> says so.</summary>
    public async Task<RunProvider> ProviderAsync(JobContext context, Run run, string provider, LlmOptions options, IProviderKeySealer? keys,
        CancellationToken cancellationToken)
    {
        if (!options.Providers.TryGetValue(provider, out var configured))
        {
            return RunProvider.Refused(await FailAsync(context, run, ErrorCodes.LlmNotConfigured,
                $"The run asks for provider '{provider}', which this worker has no configuration for. {LlmInterpreter.NotConfiguredMessage}", cancellationToken));
        }
        try
        {
            return new RunProvider(configured, await RunModel.UserKeyAsync(store, keys, run.UserId, configured.Name, cancellationToken), null);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RunKind} run {RunId} failed: provider {Provider} refused the key")]
    private static partial void LogAuthFailed(ILogger logger, string runKind, string runId, string provider);
}
