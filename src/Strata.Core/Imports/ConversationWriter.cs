using System.Text.Json;
using Strata.Core.Documents;
using Strata.Core.Documents.Conversion;
using Strata.Core.Hashing;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Imports;

/// <summary>Writes one batch of an import's conversations: each a source (once per user and content) and a row of the
/// import with its quick pass, and the import's counts, in one transaction, the new sources' bytes counted towards the
/// storage quota in it (a refusal keeps nothing of the batch). Bytes reach the blob store before the
/// source row that names them; a crash between leaves a blob the orphan sweep removes.</summary>
internal sealed class ConversationWriter(IStrataStore store, IBlobStore blobs, Usage.QuotaGuard quotas, StrataOptions options, TimeProvider clock)
{
    private string? _projectId;
    private string? _spool;

    /// <summary>The project each provider's conversations are documents in.</summary>
    public static string ProjectName(string provider) => provider switch
    {
        ChatProviders.Claude => "Claude history",
        ChatProviders.Messages => "Message history",
        _ => "ChatGPT history",
    };

    /// <param name="empty">Conversations with no message read since the last write: counted, not stored.</param>
    public async Task<ChatImport> WriteAsync(ChatImport import, IReadOnlyList<ParsedConversation> batch, int empty, CancellationToken cancellationToken)
    {
        if (batch.Count == 0 && empty == 0) return import;
        await using var session = await store.OpenWriteAsync(import.UserId, cancellationToken);
        if (await session.ChatImports.GetAsync(import.Id, cancellationToken) is not { Status: ChatImportStatuses.Processing })
        {
            // Its lease lapsed (this process stalled past it) and another command ended it interrupted: that answer stands.
            throw new Errors.StrataException(Errors.ErrorCodes.Conflict, $"Import {import.Id} was ended while it was read: its lease lapsed.");
        }
        if (batch.Count > 0) _projectId ??= await ProjectAsync(session, import, cancellationToken);
        int added = 0, unchanged = 0, messages = 0;
        var position = import.ConversationsRead;
        var prepared = new List<(ParsedConversation Parsed, byte[] Bytes, string Hash, string SourceId, bool IsNew)>(batch.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parsed in batch)
        {
            var bytes = parsed.Conversation.ToUtf8();
            var hash = Sha256Hex.Of(bytes);
            var sourceId = StrataIds.Source(import.UserId, hash);
            // The same conversation twice in one export is one source, counted once.
            var isNew = seen.Add(sourceId) && await session.Sources.GetAsync(sourceId, cancellationToken) is null;
            prepared.Add((parsed, bytes, hash, sourceId, isNew));
        }
        // The batch's new bytes count towards the storage quota before anything of it is stored: a refusal rolls the
        // whole batch back, and no blob of it is written.
        var newBytes = prepared.Where(p => p.IsNew).Sum(p => Usage.StorageCost.Of(p.Bytes.Length));
        if (newBytes > 0) await quotas.ReserveStorageAsync(session, newBytes, cancellationToken);
        var rows = new List<ImportedConversation>(prepared.Count);
        long refund = 0;
        foreach (var (parsed, bytes, hash, sourceId, isNew) in prepared)
        {
            var conversation = parsed.Conversation;
            if (isNew)
            {
                var source = new Source(sourceId, import.UserId, hash, bytes.Length, CanonicalConversation.MediaType,
                    $"{conversation.Provider}-{conversation.Id}.json", StorageStatuses.Uploaded, clock.GetUtcNow());
                await PutAsync(source, bytes, cancellationToken);
                if (await session.Sources.InsertAsync(source, cancellationToken) == SourceInsert.AlreadyStored)
                {
                    // A concurrent import committed the same conversation first: it is that import's, counted there.
                    unchanged++;
                    refund += Usage.StorageCost.Of(bytes.Length);
                }
                else
                {
                    await AddDocumentAsync(session, source, conversation, cancellationToken);
                    added++;
                }
            }
            else
            {
                unchanged++;
            }
            messages += conversation.Messages.Count;
            var stats = parsed.Statistics;
            rows.Add(new ImportedConversation(import.Id, position++, sourceId, conversation.Id,
                conversation.Title, conversation.Messages.Count, stats.Richness,
                JsonSerializer.Serialize(stats, ImportsJsonContext.Default.ConversationQuickStats), stats.LastMessageAt,
                PassStatuses.Pending, null, 0));
        }
        await session.ChatImports.UpsertConversationsAsync(rows, cancellationToken);
        if (refund > 0) await session.Usage.TryAddBytesAsync(-refund, null, cancellationToken);
        var next = import with
        {
            ConversationsRead = import.ConversationsRead + batch.Count + empty,
            ConversationsEmpty = import.ConversationsEmpty + empty,
            ConversationsAdded = import.ConversationsAdded + added,
            ConversationsUnchanged = import.ConversationsUnchanged + unchanged,
            MessagesRead = import.MessagesRead + messages,
            UpdatedAt = clock.GetUtcNow(),
            LeaseUntil = clock.GetUtcNow() + options.ChatImports.Lease,
        };
        await session.ChatImports.UpdateAsync(next, cancellationToken);
        // A crash test's hold point: inside a batch after the first, so one batch is committed and one is not.
        if (import.ConversationsRead > 0 && batch.Count > 0) await HoldPoint.ReachedAsync("chat-import-batch", cancellationToken);
        await session.CommitAsync(cancellationToken);
        return next;
    }

    /// <summary>The provider's project, made on first use (a name already taken by the user's own project is that project).</summary>
    private async Task<string> ProjectAsync(IStoreSession session, ChatImport import, CancellationToken cancellationToken)
    {
        var name = ProjectName(import.Provider);
        if (await session.Projects.FindByNameAsync(name, cancellationToken) is { } existing) return existing.Id;
        var now = clock.GetUtcNow();
        var project = new Project(StrataIds.NewProject(), import.UserId, name, now, now);
        if (!await session.Projects.InsertAsync(project, cancellationToken))
        {
            return (await session.Projects.FindByNameAsync(name, cancellationToken))?.Id
                ?? throw new InvalidOperationException($"Project '{name}' could be neither made nor found.");
        }
        return project.Id;
    }

    /// <summary>The conversation as a document of the provider's project, converted into message blocks by a job.</summary>
    private async Task AddDocumentAsync(IStoreSession session, Source source, CanonicalConversation conversation, CancellationToken cancellationToken)
    {
        if (await session.Documents.FindBySourceAsync(source.Id, cancellationToken) is not null) return;
        var now = clock.GetUtcNow();
        var name = string.IsNullOrWhiteSpace(conversation.Title) ? $"Conversation {conversation.Id}" : conversation.Title.Trim();
        if (name.Length > 200) name = name[..199] + "…";
        var document = new Document(StrataIds.Document(source.UserId, _projectId!, source.Id), source.UserId, _projectId!, source.Id, name,
            source.MimeType, DocumentStatuses.Uploaded, null, null, null, 0, null, now, now);
        if (await session.Documents.InsertAsync(document, cancellationToken))
        {
            await session.Jobs.EnqueueAsync(ConversionJobHandler.Request(document, options.Worker), cancellationToken);
        }
    }

    private async Task PutAsync(Source source, byte[] bytes, CancellationToken cancellationToken)
    {
        if (await blobs.ExistsAsync(source.BlobKey, cancellationToken)) return;
        _spool ??= Directory.CreateDirectory(Path.Combine(options.SpoolDirectory, "chat")).FullName;
        var path = Path.Combine(_spool, Guid.NewGuid().ToString("N"));
        // A conversation is a few kilobytes: one synchronous write costs less than the thread-pool round trips of an
        // asynchronous file on Linux, and an import writes thousands of them.
        File.WriteAllBytes(path, bytes);
        try
        {
            await blobs.PutFileAsync(source.BlobKey, path, cancellationToken);
        }
        finally
        {
            if (File.Exists(path)) File.Delete(path);
        }
    }
}
