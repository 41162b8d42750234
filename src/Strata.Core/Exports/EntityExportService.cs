using System.Runtime.CompilerServices;
using Strata.Core.Entities;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Core.Exports;

/// <summary>
/// <c>export entities</c>: the user's snapshots with provenance (the same entities as <c>entities list</c>) and, when
/// asked, the relations that hold now. Reads only, in one read transaction per export, so every page comes from the
/// same store and nothing is written; entities are read in pages of <see cref="PageSize"/>, and each row is written
/// as it is read, so memory does not grow with the number of entities.
/// </summary>
public sealed class EntityExportService(IStrataStore store, ITableFormats? formats, TimeProvider clock)
{
    public const int PageSize = Paging.MaxLimit;

    private readonly ExportReady _ready = new(store, clock);

    /// <summary>Checks the request and names the file: one table (JSONL, or one type) is the file itself; several
    /// (CSV or Parquet of every type, or relations beside the entities) are one ZIP with a file per table.</summary>
    public Task<ExportDownload> ExportAsync(string userId, EntityExportRequest request, CancellationToken cancellationToken)
    {
        var format = ExportFormats.Check(formats, request.Format);
        var type = string.IsNullOrWhiteSpace(request.EntityType) ? null : request.EntityType.Trim().ToLowerInvariant();
        var oneTable = (format == ExportFormats.JsonLines || type is not null) && !request.IncludeRelations;
        var baseName = type is null ? "entities" : "entities-" + type;
        var download = oneTable
            ? new ExportDownload(baseName + formats!.KindOf(format).Extension, formats.KindOf(format).MediaType,
                (destination, progress, ct) => WriteAsync(userId, format, type, request, destination, zip: false, progress, ct))
            : new ExportDownload(baseName + "-" + format + ".zip", ExportFiles.ZipMediaType,
                (destination, progress, ct) => WriteAsync(userId, format, type, request, destination, zip: true, progress, ct));
        return Task.FromResult(_ready.After(download, userId, "entities", format));
    }

    private async Task WriteAsync(string userId, string format, string? type, EntityExportRequest request, Stream destination, bool zip,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var output = new ExportOutput(destination);
        var counter = new ExportCounter(progress);
        await using (var files = zip ? ExportFiles.Zip(output) : ExportFiles.Single(output))
        {
            if (format == ExportFormats.JsonLines)
            {
                await TableExport.WriteAsync(formats!, format, EntityTables.Whole(),
                    files, Snapshots(session, type, request.IncludeMerged, cancellationToken).Select(EntityTables.WholeRow), counter, cancellationToken);
            }
            else
            {
                var catalog = await SchemaCatalog.LoadAsync(session.Schemas, cancellationToken);
                var types = type is null ? await session.Entities.ListTypesAsync(request.IncludeMerged, cancellationToken) : [type];
                foreach (var each in types)
                {
                    var table = EntityTables.ForType(each, catalog.ForEntity(each));
                    await TableExport.WriteAsync(formats!, format, table.Table, files,
                        Snapshots(session, each, request.IncludeMerged, cancellationToken).Select(table.Row), counter, cancellationToken);
                }
            }
            if (request.IncludeRelations)
            {
                await TableExport.WriteAsync(formats!, format, RelationTable.Table, files,
                    Relations(session, type, request.IncludeMerged, cancellationToken), counter, cancellationToken);
            }
        }
        counter.Finish();
    }

    private static async IAsyncEnumerable<Snapshot> Snapshots(IStoreReader session, string? type, bool includeMerged,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var page = await session.Entities.QueryAsync(
                new EntityQuery(type, null, includeMerged, new Paging(PageSize, Cursor: cursor), WithProvenance: true), cancellationToken);
            foreach (var snapshot in page.Items)
            {
                yield return snapshot;
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>Relations holding now whose from end is an exported entity, so each is written once, by the page that
    /// holds its from end.</summary>
    private async IAsyncEnumerable<IReadOnlyList<object?>> Relations(IStoreReader session, string? type, bool includeMerged,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var page = new List<string>(PageSize);
        await foreach (var snapshot in Snapshots(session, type, includeMerged, cancellationToken))
        {
            page.Add(snapshot.EntityId);
            if (page.Count == PageSize)
            {
                foreach (var row in await HoldingFromAsync(session, page, now, cancellationToken))
                {
                    yield return row;
                }
                page.Clear();
            }
        }
        foreach (var row in await HoldingFromAsync(session, page, now, cancellationToken))
        {
            yield return row;
        }
    }

    private static async Task<IEnumerable<IReadOnlyList<object?>>> HoldingFromAsync(IStoreReader session, List<string> entityIds, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (entityIds.Count == 0)
        {
            return [];
        }
        var ids = entityIds.ToHashSet(StringComparer.Ordinal);
        var holding = await session.Relations.HoldingAsync(ids, now, cancellationToken);
        return holding.Where(r => ids.Contains(r.FromEntityId)).OrderBy(r => r.Id, StringComparer.Ordinal).Select(RelationTable.Row).ToList();
    }
}
