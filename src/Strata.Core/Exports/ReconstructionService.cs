using System.Text;
using System.Text.Json;
using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Core.Review;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Exports;

/// <summary>
/// <c>export reconstruct</c>: a document's revised text. Each block whose confirmed value on a block schema run has the
/// revision field (the one named by the request, else the one the run's schema version declares as its
/// <c>revision_field</c>, else <see cref="DefaultRevisionField"/>) has its characters
/// <c>[start, end)</c> replaced by that value, in block order; everything else is copied from the original as it is,
/// so a document with nothing revised comes back byte for byte. Where several runs revised a block, the latest run
/// wins. Only documents whose blocks are located by character offsets (Markdown, text, HTML) can be rebuilt.
/// Reads only, in one read transaction; the original text is decoded whole, as its conversion did (the converter's
/// size limit bounds it), and values are read a page at a time.
/// </summary>
public sealed class ReconstructionService(IStrataStore store, IBlobStore blobs, TimeProvider clock)
{
    public const string DefaultRevisionField = "revised_content";
    public const int PageSize = Paging.MaxLimit;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ExportReady _ready = new(store, clock);

    public async Task<ExportDownload> ReconstructAsync(string userId, string documentId, string? revisionField, string? schemaRef,
        CancellationToken cancellationToken)
    {
        var field = string.IsNullOrWhiteSpace(revisionField) ? null : revisionField.Trim();
        Document document;
        await using (var session = await store.OpenReadAsync(userId, cancellationToken))
        {
            document = await IngestedAsync(session, documentId, cancellationToken);
            var first = await session.DocumentBlocks.ListAsync(document.Id, new Paging(1), cancellationToken);
            if (first.Items.Count > 0 && first.Items[0].Block.Locator is not TextOffsetRange)
            {
                throw StrataException.Validation(
                    $"Document {documentId} is located by {first.Items[0].Block.Locator.Kind}, not by characters: only text documents (Markdown, text, HTML) can be reconstructed.");
            }
        }
        var name = Path.GetFileNameWithoutExtension(document.Name) + ".revised" + Path.GetExtension(document.Name);
        return _ready.After(new ExportDownload(name, document.MediaType.StartsWith("text/", StringComparison.Ordinal) ? document.MediaType : "text/markdown",
            (destination, progress, ct) => WriteAsync(userId, document.Id, field, schemaRef, destination, progress, ct)), userId, "reconstruction", "text");
    }

    private static async Task<Document> IngestedAsync(IStoreReader session, string documentId, CancellationToken cancellationToken)
    {
        var document = await session.Documents.GetAsync(documentId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.DocumentNotFound, $"No document {documentId}.");
        return document.Status == DocumentStatuses.Ingested ? document
            : throw new StrataException(ErrorCodes.DocumentNotIngested, $"Document {documentId} is not converted ({document.Status}): it has no blocks to rebuild from.");
    }

    private async Task WriteAsync(string userId, string documentId, string? field, string? schemaRef, Stream destination, IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var document = await IngestedAsync(session, documentId, cancellationToken);
        var source = await session.Sources.GetAsync(document.SourceId, cancellationToken)
            ?? throw new StrataException(ErrorCodes.SourceNotFound, $"The source of document {documentId} is gone.");
        string text;
        await using (var bytes = await blobs.OpenReadAsync(source.BlobKey, cancellationToken))
        using (var reader = new StreamReader(bytes, StrictUtf8, detectEncodingFromByteOrderMarks: false))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        var runs = (await session.Review.ListRunsAsync(document.Id, null, schemaRef, cancellationToken))
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
        var fields = field is null ? await DeclaredFieldsAsync(session, runs, cancellationToken) : runs.Select(_ => field).ToList();
        var output = new ExportOutput(destination);
        var counter = new ExportCounter(progress);
        await using (var writer = new StreamWriter(output, StrictUtf8, bufferSize: 16 * 1024, leaveOpen: true))
        {
            long position = 0;
            var runsAsOne = new DocumentRuns(runs.Select(r => (r, r.SchemaRef)).ToList());
            await foreach (var (block, values) in DocumentExportService.Blocks(session, document.Id, runsAsOne, cancellationToken))
            {
                if (block.Block.Locator is not TextOffsetRange range || Revision(values, fields) is not { } revised)
                {
                    continue;
                }
                await writer.WriteAsync(text.AsMemory((int)position, (int)(range.Start - position)), cancellationToken);
                await writer.WriteAsync(revised);
                position = range.End;
                counter.Add();
                await writer.FlushAsync(cancellationToken);
                await output.DrainAsync(all: false, cancellationToken);
            }
            await writer.WriteAsync(text.AsMemory((int)position), cancellationToken);
        }
        await output.DrainAsync(all: true, cancellationToken);
        counter.Finish();
    }

    /// <summary>Each run's revision field: the one its schema version declares, else <see cref="DefaultRevisionField"/>.</summary>
    private static async Task<IReadOnlyList<string>> DeclaredFieldsAsync(IStoreReader session, IReadOnlyList<BlockRun> runs, CancellationToken cancellationToken)
    {
        var declared = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var schemaRef in runs.Select(r => r.SchemaRef).Distinct(StringComparer.Ordinal))
        {
            foreach (var version in await session.Schemas.ListVersionsAsync(schemaRef, cancellationToken))
            {
                declared[version.SchemaUid] = version.Definition.Block?.RevisionField;
            }
        }
        return runs.Select(r => declared.GetValueOrDefault(r.SchemaUid) ?? DefaultRevisionField).ToList();
    }

    /// <summary>The latest run's confirmed text under its revision field, if any run has one.</summary>
    private static string? Revision(IReadOnlyList<BlockValue?> values, IReadOnlyList<string> fields)
    {
        for (var i = values.Count - 1; i >= 0; i--)
        {
            var field = fields[i];
            if (values[i] is { State: BlockValueStates.Confirmed, ValueJson: { } json })
            {
                using var parsed = JsonDocument.Parse(json);
                if (parsed.RootElement.ValueKind == JsonValueKind.Object && parsed.RootElement.TryGetProperty(field, out var revised)
                    && revised.ValueKind == JsonValueKind.String)
                {
                    return revised.GetString();
                }
            }
        }
        return null;
    }
}
