using System.Runtime.CompilerServices;
using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Core.Review;
using Strata.Core.Storage;

namespace Strata.Core.Exports;

/// <summary>
/// <c>export document</c> and <c>export project</c>: a document's blocks, one row per block, with the confirmed values
/// of every block schema run over it (<see cref="DocumentTables"/>); a project as a ZIP with one file per ingested
/// document. Reads only, in one read transaction per export; blocks and values are read in pages of
/// <see cref="PageSize"/> and written as they are read.
/// </summary>
public sealed class DocumentExportService(IStrataStore store, ITableFormats? formats, TimeProvider clock)
{
    public const int PageSize = Paging.MaxLimit;

    private readonly ExportReady _ready = new(store, clock);

    /// <summary>Refuses a missing document (DOCUMENT_NOT_FOUND, another user's too) and one not converted yet
    /// (DOCUMENT_NOT_INGESTED) before anything is written.</summary>
    public async Task<ExportDownload> ExportDocumentAsync(string userId, string documentId, string? format, CancellationToken cancellationToken)
    {
        var name = ExportFormats.Check(formats, format);
        await using (var session = await store.OpenReadAsync(userId, cancellationToken))
        {
            Ingested(await session.Documents.GetAsync(documentId, cancellationToken), documentId);
        }
        var kind = formats!.KindOf(name);
        return _ready.After(new ExportDownload(documentId + kind.Extension, kind.MediaType,
            (destination, progress, ct) => WriteAsync(userId, [documentId], name, destination, zip: false, progress, ct)), userId, "document", name);
    }

    /// <summary>A ZIP of <c>documents/{document_id}.{format}</c>, one per document of the project that is ingested;
    /// documents still converting, or whose conversion failed, have no blocks and are left out.</summary>
    public async Task<ExportDownload> ExportProjectAsync(string userId, string project, string? format, CancellationToken cancellationToken)
    {
        var name = ExportFormats.Check(formats, format);
        Project found;
        IReadOnlyList<string> documents;
        await using (var session = await store.OpenReadAsync(userId, cancellationToken))
        {
            found = await ProjectService.ResolveAsync(session, project, cancellationToken);
            documents = (await session.Documents.ListAllAsync(found.Id, cancellationToken))
                .Where(d => d.Status == DocumentStatuses.Ingested).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id, StringComparer.Ordinal)
                .Select(d => d.Id).ToList();
        }
        return _ready.After(new ExportDownload(found.Id + "-" + name + ".zip", ExportFiles.ZipMediaType,
            (destination, progress, ct) => WriteAsync(userId, documents, name, destination, zip: true, progress, ct)), userId, "project", name);
    }

    private static Document Ingested(Document? document, string documentId)
    {
        if (document is null)
        {
            throw new StrataException(ErrorCodes.DocumentNotFound, $"No document {documentId}.");
        }
        if (document.Status != DocumentStatuses.Ingested)
        {
            throw new StrataException(ErrorCodes.DocumentNotIngested, document.Status == DocumentStatuses.ConversionFailed
                ? $"Document {documentId} could not be converted ({document.Error}), so it has no blocks to export."
                : $"Document {documentId} is still being converted ({document.Status}): export it once it is ingested.");
        }
        return document;
    }

    private async Task WriteAsync(string userId, IReadOnlyList<string> documentIds, string format, Stream destination, bool zip,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var counter = new ExportCounter(progress);
        await using (var files = zip ? ExportFiles.Zip(new ExportOutput(destination)) : ExportFiles.Single(new ExportOutput(destination)))
        {
            foreach (var documentId in documentIds)
            {
                var document = Ingested(await session.Documents.GetAsync(documentId, cancellationToken), documentId);
                var source = await session.Sources.GetAsync(document.SourceId, cancellationToken);
                var runs = DocumentRuns.Of(await session.Review.ListRunsAsync(document.Id, null, null, cancellationToken));
                var tables = new DocumentTables(document, source, runs);
                var canonical = format == ExportFormats.JsonLines;
                var table = canonical ? tables.Canonical("documents/" + document.Id) : tables.Flat("documents/" + document.Id);
                await TableExport.WriteAsync(formats!, format, table, files,
                    Rows(session, document.Id, runs, canonical ? tables.CanonicalRow : tables.FlatRow, cancellationToken), counter, cancellationToken);
            }
        }
        counter.Finish();
    }

    /// <summary>Every block in order with its value on each run as a row.</summary>
    private static IAsyncEnumerable<IReadOnlyList<object?>> Rows(IStoreReader session, string documentId, DocumentRuns runs,
        Func<StoredBlock, IReadOnlyList<BlockValue?>, IReadOnlyList<object?>> row, CancellationToken cancellationToken) =>
        Blocks(session, documentId, runs, cancellationToken).Select(b => row(b.Block, b.Values));

    /// <summary>Every block in order with its value on each run: a page of blocks, then each run's values over it.</summary>
    internal static async IAsyncEnumerable<(StoredBlock Block, IReadOnlyList<BlockValue?> Values)> Blocks(IStoreReader session, string documentId,
        DocumentRuns runs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var page = await session.DocumentBlocks.ListAsync(documentId, new Paging(PageSize, Cursor: cursor), cancellationToken);
            if (page.Items.Count > 0)
            {
                var first = page.Items[0].Block.Index;
                var last = page.Items[^1].Block.Index;
                var values = new List<Dictionary<int, BlockValue>>(runs.Runs.Count);
                foreach (var (run, _) in runs.Runs)
                {
                    var listed = await session.Review.ListValuesAsync(run.RunId, null, first - 1, last - first + 1, cancellationToken);
                    values.Add(listed.Where(v => v.BlockIndex <= last).ToDictionary(v => v.BlockIndex));
                }
                foreach (var block in page.Items)
                {
                    yield return (block, values.Select(v => v.GetValueOrDefault(block.Block.Index)).ToList());
                }
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }
}
