using System.Runtime.CompilerServices;
using System.Text.Json;
using Strata.Core.Entities;
using Strata.Core.Errors;
using Strata.Core.Relations;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Core.Exports.Memory;

/// <summary>
/// <c>export memory</c>: the user's memory for people to read or keep — every entity (facts mined from chats are
/// entities too) with its current values and the relations that hold now, each citing the observation that won it and
/// the source that observation came from — as Markdown or JSON, filtered by type and by when the entity was last
/// updated. Reads only, in one read transaction, so every page comes from the same store; entities are read a page of
/// <see cref="PageSize"/> at a time with their winning observations, relations, sources and relation ends in a few
/// queries per page, and each entry is written as it is made, so memory does not grow with the memory's size.
/// </summary>
public sealed class MemoryExportService(IStrataStore store, TimeProvider clock)
{
    public const int PageSize = Paging.MaxLimit;
    public const string Markdown = "markdown";
    public const string Json = "json";

    private readonly ExportReady _ready = new(store, clock);

    /// <summary>Checks the request and names the file before the first byte.</summary>
    public Task<ExportDownload> ExportAsync(string userId, MemoryExportRequest request, CancellationToken cancellationToken)
    {
        var format = (request.Format ?? Markdown).Trim().ToLowerInvariant() switch
        {
            Markdown or "md" => Markdown,
            Json => Json,
            _ => throw StrataException.Validation($"Unknown memory export format '{request.Format}': use markdown or json."),
        };
        if (request.Since is { } since && request.Until is { } until && until <= since)
        {
            throw StrataException.Validation($"until ({until:O}) must be after since ({since:O}).");
        }
        var type = string.IsNullOrWhiteSpace(request.EntityType) ? null : request.EntityType.Trim().ToLowerInvariant();
        var checkedRequest = request with { Format = format, EntityType = type };
        var download = format == Json
            ? new ExportDownload("memory.json", "application/json", (destination, progress, ct) => WriteAsync(userId, checkedRequest, destination, progress, ct))
            : new ExportDownload("memory.md", "text/markdown; charset=utf-8", (destination, progress, ct) => WriteAsync(userId, checkedRequest, destination, progress, ct));
        return Task.FromResult(_ready.After(download, userId, "memory", format));
    }

    private async Task WriteAsync(string userId, MemoryExportRequest request, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
        var types = request.EntityType is { } one ? [one] : await session.Entities.ListTypesAsync(includeMerged: false, cancellationToken);
        var now = clock.GetUtcNow();
        var output = new ExportOutput(destination);
        var counter = new ExportCounter(progress);
        long entries = 0;
        await using (IMemoryWriter writer = request.Format == Json ? new MemoryJson(output) : new MemoryMarkdown(output))
        {
            await writer.BeginAsync(new MemoryExportHeader(now, request.EntityType, request.Since, request.Until));
            foreach (var type in types)
            {
                var begun = false;
                await foreach (var page in Pages(session, type, request, cancellationToken))
                {
                    if (!begun)
                    {
                        await writer.TypeAsync(type);
                        begun = true;
                    }
                    foreach (var entry in await MemoryEntries.ReadAsync(session, catalog, page, now, cancellationToken))
                    {
                        await writer.EntryAsync(entry);
                        entries++;
                        counter.Add();
                        await output.DrainAsync(all: false, cancellationToken);
                    }
                }
            }
            await writer.EndAsync(entries);
        }
        await output.DrainAsync(all: true, cancellationToken);
        counter.Finish();
    }

    /// <summary>The type's entities updated within the window, a page at a time (pages left empty by the window are skipped).</summary>
    private static async IAsyncEnumerable<IReadOnlyList<Snapshot>> Pages(IStoreReader session, string type, MemoryExportRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var page = await session.Entities.QueryAsync(new EntityQuery(type, null, false, new Paging(PageSize, Cursor: cursor), WithProvenance: true), cancellationToken);
            var within = page.Items.Where(s => (request.Since is null || s.UpdatedAt >= request.Since) && (request.Until is null || s.UpdatedAt < request.Until)).ToList();
            if (within.Count > 0)
            {
                yield return within;
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }
}
