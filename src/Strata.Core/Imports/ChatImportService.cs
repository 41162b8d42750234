using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Hashing;
using Strata.Core.Jobs;
using Strata.Core.Llm;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Imports;

/// <summary>
/// Imports a chat export: reads it conversation by conversation (memory holds one batch, never the export), stores each
/// conversation as a source of its canonical JSON (content-addressed per user: a conversation already stored is counted
/// unchanged and adds nothing), records the quick pass of each (statistics and richness) and the profile of the whole
/// history, and queues the full LLM pass. Each batch of conversations is one transaction together with the import's
/// counts, so what a reader sees counted is stored. Broken JSON ends the import <c>failed</c> with where it broke, and
/// the conversations before the break stay imported and counted. The new conversations' bytes count towards the storage
/// quota batch by batch: the batch that would pass it is rolled back whole, the import ends <c>failed</c>, and the caller
/// gets <c>STORAGE_QUOTA_EXCEEDED</c>. While it reads, the process holds the import by a lease (<see cref="ImportLease"/>);
/// an import whose reader was killed is ended failed, interrupted, by the next command that reads the user's imports.
/// </summary>
public sealed class ChatImportService(
    IStrataStore store,
    IBlobStore blobs,
    IChatExports? exports,
    Llm.Calls.ILanguageModels models,
    Usage.QuotaGuard quotas,
    IngestService ingest,
    StrataOptions options,
    TimeProvider clock,
    Metrics.StrataMetrics metrics)
{
    public async Task<ChatImportView> ImportAsync(string userId, ChatImportRequest request, IProgress<ChatImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (exports is null)
        {
            throw new StrataException(ErrorCodes.UnsupportedMediaType, "This host was started without the chat export readers.");
        }
        var provider = ChatProviders.Require(request.Provider);
        var now = clock.GetUtcNow();
        var lease = new ImportLease(store, options.ChatImports, clock);
        var import = new ChatImport("imp_" + Guid.CreateVersion7().ToString("N")[..24], userId, provider, ChatImportStatuses.Processing,
            request.FileName, ChatPipelines.For(userId, options.ChatImports.NewerPipelinePercent), 0, 0, 0, 0, 0, 0, null, null, now, now)
        {
            LeaseUntil = lease.Until(now),
        };
        await using (var session = await store.OpenWriteAsync(userId, cancellationToken))
        {
            await session.ChatImports.InsertAsync(import, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }
        metrics.Imports.Inc(provider);

        using var stopHolding = new CancellationTokenSource();
        var holding = lease.HoldAsync(import, stopHolding.Token);
        try
        {
            return await ReadAsync(import, request, provider, progress, cancellationToken);
        }
        finally
        {
            await stopHolding.CancelAsync();
            await holding;
        }
    }

    /// <summary>The user's imports of every kind (chatgpt, claude, messages), newest first; an import whose reader died is
    /// ended failed first, so none is listed processing that nothing reads.</summary>
    public async Task<ImportList> ListAsync(string userId, Paging paging, CancellationToken cancellationToken)
    {
        var valid = paging.Validated();
        await new ImportLease(store, options.ChatImports, clock).SettleLapsedAsync(userId, cancellationToken);
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var page = await session.ChatImports.ListAsync(valid, cancellationToken);
        return new ImportList(page.Items.Select(ImportSummary.Of).ToList(), page.NextCursor, page.Total);
    }

    private async Task<ChatImportView> ReadAsync(ChatImport import, ChatImportRequest request, string provider, IProgress<ChatImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        var writer = new ConversationWriter(store, blobs, quotas, options, clock);
        await using var read = exports!.Open(request.Content, provider);
        var batch = new List<ParsedConversation>(options.ChatImports.BatchSize);
        // Conversations with no message are counted, never stored; their count is written with the next batch, or on its
        // own every so many so that a file of nothing but empty conversations still shows its progress.
        var empty = 0;
        try
        {
            await foreach (var conversation in read.ReadAsync(cancellationToken))
            {
                if (conversation.Conversation.Messages.Count == 0) empty++;
                else
                {
                    CheckCeiling(import, batch.Count);
                    batch.Add(conversation);
                }
                if (batch.Count < options.ChatImports.BatchSize && empty < EmptyCountedEvery) continue;
                import = await writer.WriteAsync(import, batch, empty, cancellationToken);
                empty = 0;
                batch.Clear();
                progress?.Report(new ChatImportProgress(import.ConversationsRead, import.ConversationsAdded, import.MessagesRead));
            }
            import = await writer.WriteAsync(import, batch, empty, cancellationToken);
        }
        catch (StrataException full) when (full.Code == ErrorCodes.StorageQuotaExceeded)
        {
            // The batch that did not fit was rolled back whole; the batches before it stay stored and counted, and the
            // caller is refused with the quota's code.
            await FailAsync(import, read, $"{full.Code}: {full.Message} Imported before the quota ran out: {import.ConversationsRead} conversations.",
                cancellationToken);
            throw new StrataException(full.Code, $"{full.Message} Import {import.Id} stopped there: {import.ConversationsRead} conversations were stored before it.");
        }
        catch (StrataException broken) when (broken.Code is ErrorCodes.MalformedContent or ErrorCodes.FileTooLarge)
        {
            // A broken export, or one past a size limit or the import's ceiling: what was read before it is kept.
            import = await writer.WriteAsync(import, batch, empty, cancellationToken);
            var failed = await FailAsync(import, read,
                $"{broken.Code}: {broken.Message} Imported before the break: {import.ConversationsRead} conversations.", cancellationToken);
            return ChatImportView.Of(failed);
        }
        catch (Exception stopped)
        {
            // Whatever else stops the read (a signal, a fault, a storage error) must not leave the import processing for
            // ever: it ends failed, saying where, before the exception goes on (SIGTERM cancels the read and lands here).
            await TryFailAsync(import, read, stopped, cancellationToken);
            throw;
        }
        progress?.Report(new ChatImportProgress(import.ConversationsRead, import.ConversationsAdded, import.MessagesRead));
        import = await ProjectsAsync(import, read.OpenProjects() ?? request.Projects, cancellationToken);

        var queue = request.FullPass && models.Wired && import.ConversationsRead > 0;
        var ready = import with { Status = ChatImportStatuses.QuickReady, ProfileJson = ProfileJson(read), UpdatedAt = clock.GetUtcNow() };
        if (request.FullPass && !models.Wired && import.ConversationsRead > import.ConversationsEmpty)
        {
            // Said as the full pass's job says it when the user has no model: nothing is queued, and resume runs it later.
            var waits = $"{ErrorCodes.LlmNotConfigured}: the full pass waits for a model. {LlmInterpreter.NotConfiguredMessage} Then resume the import.";
            ready = ready with { Error = ChatImport.Clip(ready.Error is null ? waits : $"{ready.Error} {waits}") };
        }
        await SaveAsync(ready, queue ? ChatFullPassJobHandler.Request(ready, options.Worker) : null, cancellationToken);
        return ChatImportView.Of(ready, queue);
    }

    /// <summary>Empty conversations counted between two writes of the import's counts, at most.</summary>
    private const int EmptyCountedEvery = 10_000;

    /// <summary>Refuses the conversation past <see cref="ChatImportOptions.MaxConversations"/>: each stored one is a source, a
    /// document and a conversion job, so the ceiling bounds what one upload can create.</summary>
    private void CheckCeiling(ChatImport import, int batched)
    {
        var stored = import.ConversationsRead - import.ConversationsEmpty + batched;
        if (stored < options.ChatImports.MaxConversations) return;
        throw new StrataException(ErrorCodes.FileTooLarge,
            $"The export holds more than {options.ChatImports.MaxConversations:N0} conversations with messages, the most one import stores "
            + "(ChatImport:MaxConversations; each is a source, a document and a conversion job): the ones after it were not read.");
    }

    public async Task<ChatImportView> GetAsync(string userId, string importId, CancellationToken cancellationToken)
    {
        await new ImportLease(store, options.ChatImports, clock).SettleLapsedAsync(userId, cancellationToken);
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        return ChatImportView.Of(await RequireAsync(session, importId, cancellationToken));
    }

    /// <summary>Queues the full pass again for what it has not done: conversations it finished are kept, those that failed
    /// are tried again. An import whose export broke while it was read has nothing more to resume from.</summary>
    public async Task<ChatImportView> ResumeAsync(string userId, string importId, CancellationToken cancellationToken)
    {
        await new ImportLease(store, options.ChatImports, clock).SettleLapsedAsync(userId, cancellationToken);
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        var import = await RequireAsync(session, importId, cancellationToken);
        if (!models.Wired) throw new StrataException(ErrorCodes.LlmNotConfigured, LlmInterpreter.NotConfiguredMessage);
        if (import.Status is ChatImportStatuses.Processing or ChatImportStatuses.Pending)
        {
            throw new StrataException(ErrorCodes.Conflict, $"Import {importId} is still reading its export; resume it once it is quick_ready or failed.");
        }
        if (import.Status == ChatImportStatuses.Complete) return ChatImportView.Of(import);
        await session.ChatImports.ReopenFailedAsync(importId, cancellationToken);
        var resumed = import with { Status = ChatImportStatuses.QuickReady, Error = null, UpdatedAt = clock.GetUtcNow() };
        await session.ChatImports.UpdateAsync(resumed, cancellationToken);
        await session.Jobs.EnqueueAsync(ChatFullPassJobHandler.Request(resumed, options.Worker), cancellationToken);
        await session.CommitAsync(cancellationToken);
        return ChatImportView.Of(resumed, fullPassQueued: true);
    }

    /// <summary>Claude's projects.json, ingested as a source of its own and read by the rules into <c>project</c> entities (the
    /// same projects the full pass finds in conversations resolve into them by name). The same file again is deduplicated.</summary>
    private async Task<ChatImport> ProjectsAsync(ChatImport import, Stream? projects, CancellationToken cancellationToken)
    {
        if (projects is null) return import;
        try
        {
            var result = await ingest.IngestAsync(import.UserId, new IngestRequest(projects, ClaudeProjects.FileName, ClaudeProjects.MediaType,
                ClaudeProjects.EntityType), cancellationToken);
            var failed = result.Interpretation.Status == Runs.RunStatuses.Failed
                ? $"projects.json was stored as {result.SourceId} but not read: {result.Interpretation.Error}"
                : null;
            return import with { ProjectsSourceId = result.SourceId, Error = failed is null ? import.Error : ChatImport.Clip(failed) };
        }
        catch (StrataException broken) when (broken.Code == ErrorCodes.MalformedContent)
        {
            // The conversations are imported whatever the projects file holds; its source and failed run are kept.
            return import with { Error = ChatImport.Clip($"{broken.Code}: projects.json was stored but not read: {broken.Message}") };
        }
    }

    private static async Task<ChatImport> RequireAsync(IStoreReader session, string importId, CancellationToken cancellationToken) =>
        await session.ChatImports.GetAsync(importId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.ImportNotFound, $"No import {importId}.");

    private async Task SaveAsync(ChatImport import, JobRequest? job, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenWriteAsync(import.UserId, cancellationToken);
        await session.ChatImports.UpdateAsync(import, cancellationToken);
        if (job is not null) await session.Jobs.EnqueueAsync(job, cancellationToken);
        else if (import.Status == ChatImportStatuses.QuickReady) await Webhooks.ImportEvents.CompletedAsync(session, import, cancellationToken);
        await session.CommitAsync(cancellationToken);
    }

    /// <summary>Ends the import failed with <paramref name="error"/>, keeping the profile of what was read.</summary>
    private async Task<ChatImport> FailAsync(ChatImport import, IChatExportRead read, string error, CancellationToken cancellationToken)
    {
        var failed = import with
        {
            Status = ChatImportStatuses.Failed,
            ProfileJson = ProfileJson(read),
            Error = ChatImport.Clip(error),
            UpdatedAt = clock.GetUtcNow(),
        };
        await SaveAsync(failed, null, cancellationToken);
        return failed;
    }

    private async Task TryFailAsync(ChatImport import, IChatExportRead read, Exception stopped, CancellationToken cancellationToken)
    {
        stopped = StorageFull.Translate(stopped);
        var error = stopped is OperationCanceledException && cancellationToken.IsCancellationRequested
            ? $"INTERRUPTED: The import was stopped while it read the export, after {import.ConversationsRead} conversations; those are kept. " +
              "Import the export again to read the rest: conversations already stored are counted unchanged."
            : $"{(stopped as StrataException)?.Code ?? ErrorCodes.InternalError}: {(stopped as StrataException)?.Message ?? "The import stopped on an unexpected error."} " +
              $"Imported before it: {import.ConversationsRead} conversations.";
        try
        {
            await FailAsync(import, read, error, CancellationToken.None);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // The store itself may be what failed (a full disk); the original error is the one to report.
        }
    }

    private string ProfileJson(IChatExportRead read) =>
        JsonSerializer.Serialize(read.Profile(options.ChatImports.ProfileTopics), ImportsJsonContext.Default.HistoryProfileView);
}
