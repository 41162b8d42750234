using Strata.Core.Errors;
using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Runs;
using Strata.Core.Storage;

namespace Strata.Core.Imports;

/// <summary>
/// Runs an import's full pass in a worker. It never undoes the quick pass: a pass that fails (the model refused, the
/// budget ran out, conversations whose answers could not be read) leaves the import <c>failed</c> with the error and
/// every conversation it finished done, so <c>resume</c> continues with the rest.
/// </summary>
public sealed class ChatFullPassJobHandler(IStrataStore store, FullPass.ChatFullPass pass, StrataOptions options, TimeProvider clock) : IJobHandler
{
    public const string ImportIdKey = "import_id";

    public string Kind => JobKinds.ChatFullPass;

    public RetryPolicy Retry { get; } = RetryPolicy.Exponential(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    /// <summary>As many attempts as an interpretation: a pass whose process was killed continues, in the next attempt, with the
    /// conversations it had not finished (those it finished are kept, and an open run of the killed one is failed by the ledger).</summary>
    public static JobRequest Request(ChatImport import, WorkerOptions worker) => new(JobKinds.ChatFullPass, JobPayload.Of(ImportIdKey, import.Id), import.UserId)
    {
        Subject = import.Id,
        MaxAttempts = worker.InterpretMaxAttempts,
    };

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        var userId = context.Job.UserId ?? throw new InvalidOperationException($"Chat pass job {context.Job.Id} has no user.");
        var importId = JobPayload.Read(context.Job, ImportIdKey);
        ChatImport? import;
        await using (var read = await store.OpenReadAsync(userId, cancellationToken))
        {
            import = await read.ChatImports.GetAsync(importId, cancellationToken);
        }
        if (import is null || import.Status != ChatImportStatuses.QuickReady) return JobResult.Completed;

        string? error;
        var waiting = false;
        try
        {
            var result = await pass.RunAsync(
                new ChatPassWork(userId, importId, import.PipelineVersion, Math.Max(1, options.ChatImports.FullPassConcurrency)), cancellationToken);
            error = result.Failed == 0 ? null
                : $"{result.Failed} conversation(s) failed in the full pass; the first: {result.FirstError} Resume the import to try them again.";
        }
        catch (StrataException unconfigured) when (unconfigured.Code == ErrorCodes.LlmNotConfigured)
        {
            // No model to read with: the quick pass is the import's result for now, and resume runs the full pass later.
            waiting = true;
            error = $"{unconfigured.Code}: the full pass waits for a model. {unconfigured.Message} Then resume the import.";
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = failure is StrataException known ? $"{known.Code}: {known.Message}" : $"The full pass stopped: {failure.Message}";
            error += " The quick pass stays; resume the import to continue where it stopped.";
        }

        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var current = await session.ChatImports.GetAsync(importId, cancellationToken) ?? import;
        var settled = current with
        {
            Status = waiting ? ChatImportStatuses.QuickReady : error is null ? ChatImportStatuses.Complete : ChatImportStatuses.Failed,
            Error = error is null ? null : ChatImport.Clip(error),
            UpdatedAt = clock.GetUtcNow(),
        };
        await session.ChatImports.UpdateAsync(settled, cancellationToken);
        if (!waiting) await Webhooks.ImportEvents.CompletedAsync(session, settled, cancellationToken);
        // The model-written parts of MEMORY.md follow in a job of their own: whatever becomes of them, the import is settled.
        if (!waiting && settled.FactsFound > 0) await session.Jobs.EnqueueAsync(Memory.Sections.MemoryGenerationJobHandler.Request(userId, importId), cancellationToken);
        return await RunLedger.CommitWithJobAsync(session, context.Lease, JobResult.Completed, cancellationToken);
    }
}
