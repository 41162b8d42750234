using System.IO.Compression;
using Strata.Core.Documents;
using Strata.Core.Review;
using Strata.Core.Storage;

namespace Strata.Core.Exports;

/// <summary>
/// <c>export project --format parquet-dataset</c>: the confirmed block values of a project as a Hive-partitioned Parquet
/// dataset, <c>schema_ref={ref}/block_type={type}/part-0.parquet</c>, which DuckDB reads as one table with
/// <c>read_parquet('…/**/*.parquet', hive_partitioning = 1)</c>. Every file has the same columns
/// (<see cref="Table"/>: the value as JSON, since schemas differ), the partition columns come from the folders. Reads
/// only, in one read transaction; values are read in pages; each partition's writer holds at most one row group, so
/// memory grows with the number of partitions (schemas × block types), not with the number of values.
/// </summary>
public sealed class DatasetExportService(IStrataStore store, ITableFormats? formats, TimeProvider clock)
{
    public const string FormatName = "parquet-dataset";
    public const int PageSize = Paging.MaxLimit;

    public static readonly ExportTable Table = new("part-0",
    [
        new("project_id", ExportValueKind.Text),
        new("document_id", ExportValueKind.Text),
        new("document_name", ExportValueKind.Text),
        new("block_uid", ExportValueKind.Text),
        new("block_index", ExportValueKind.Integer),
        new("content", ExportValueKind.Text),
        new("run_id", ExportValueKind.Text),
        new("schema_uid", ExportValueKind.Text),
        new("data", ExportValueKind.Json),
        new("edited", ExportValueKind.Boolean),
        new("confirmed_by", ExportValueKind.Text),
        new("confirmed_at", ExportValueKind.Timestamp),
    ]);

    private readonly ExportReady _ready = new(store, clock);

    /// <summary>Writes the dataset's folders and files under <paramref name="directory"/> (created when missing), then
    /// announces it (<c>export.ready</c>).</summary>
    public async Task<long> WriteToDirectoryAsync(string userId, string project, string directory, IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        var rows = await WriteFolderAsync(userId, project, directory, progress, cancellationToken);
        await _ready.EmitAsync(userId, "project", FormatName, Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))), rows, cancellationToken);
        return rows;
    }

    private async Task<long> WriteFolderAsync(string userId, string project, string directory, IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        ExportFormats.Check(formats, ExportFormats.Parquet);
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var found = await ProjectService.ResolveAsync(session, project, cancellationToken);
        // The folder exists even when nothing is confirmed yet, so the path the CLI names is there to look at.
        Directory.CreateDirectory(directory);
        var counter = new ExportCounter(progress);
        var partitions = new Dictionary<string, (FileStream File, ITableWriter Writer)>(StringComparer.Ordinal);
        try
        {
            var documents = (await session.Documents.ListAllAsync(found.Id, cancellationToken)).ToDictionary(d => d.Id);
            foreach (var run in (await session.Review.ListRunsAsync(null, found.Id, null, cancellationToken)).OrderBy(r => r.CreatedAt))
            {
                var after = -1;
                while (true)
                {
                    var values = await session.Review.ListValuesAsync(run.RunId, BlockValueStates.Confirmed, after, PageSize, cancellationToken);
                    if (values.Count == 0) break;
                    var blocks = (await session.Review.ReadBlocksAsync(run.DocumentId, values[0].BlockIndex, values[^1].BlockIndex, cancellationToken))
                        .ToDictionary(b => b.Index);
                    foreach (var value in values)
                    {
                        var block = blocks[value.BlockIndex];
                        var path = Path.Combine($"schema_ref={run.SchemaRef}", $"block_type={block.BlockType}", Table.Name + ".parquet");
                        if (!partitions.TryGetValue(path, out var partition))
                        {
                            var file = Path.Combine(directory, path);
                            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                            var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
                            partitions[path] = partition = (stream, formats!.Open(ExportFormats.Parquet, Table, stream));
                        }
                        await partition.Writer.WriteRowAsync(Row(found.Id, documents.GetValueOrDefault(run.DocumentId), block, run, value), cancellationToken);
                        counter.Add();
                    }
                    after = values[^1].BlockIndex;
                }
            }
            foreach (var (_, partition) in partitions)
            {
                await partition.Writer.CompleteAsync(cancellationToken);
            }
        }
        finally
        {
            foreach (var (_, partition) in partitions)
            {
                await partition.Writer.DisposeAsync();
                await partition.File.DisposeAsync();
            }
        }
        counter.Finish();
        return counter.Rows;
    }

    /// <summary>The dataset as one ZIP of its folders, for a download: written to a temporary folder first (a ZIP holds one
    /// entry open at a time, the dataset one file per partition), streamed, then deleted.</summary>
    public async Task<ExportDownload> ExportAsync(string userId, string project, CancellationToken cancellationToken)
    {
        ExportFormats.Check(formats, ExportFormats.Parquet);
        string projectId;
        await using (var session = await store.OpenReadAsync(userId, cancellationToken))
        {
            projectId = (await ProjectService.ResolveAsync(session, project, cancellationToken)).Id;
        }
        return _ready.After(new ExportDownload(projectId + "-" + FormatName + ".zip", ExportFiles.ZipMediaType, async (destination, progress, ct) =>
        {
            var folder = Directory.CreateTempSubdirectory("strata-dataset-").FullName;
            try
            {
                await WriteFolderAsync(userId, projectId, folder, progress, ct);
                var output = new ExportOutput(destination);
                await using var files = ExportFiles.Zip(output);
                foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var entry = files.Begin(Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'));
                    await using (var read = File.OpenRead(file))
                    {
                        var buffer = new byte[ExportOutput.ChunkBytes];
                        int count;
                        while ((count = await read.ReadAsync(buffer, ct)) > 0)
                        {
                            entry.Write(buffer, 0, count);
                            await output.DrainAsync(all: false, ct);
                        }
                    }
                    files.End();
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }), userId, "project", FormatName);
    }

    private static IReadOnlyList<object?> Row(string projectId, Document? document, ReviewBlock block, BlockRun run, BlockValue value)
    {
        object? data = null;
        if (value.ValueJson is { } json)
        {
            using var parsed = System.Text.Json.JsonDocument.Parse(json);
            data = JsonCells.Compact(parsed.RootElement);
        }
        return [projectId, run.DocumentId, document?.Name, block.BlockUid, (long)block.Index, block.Content, run.RunId, run.SchemaUid, data,
            value.Edited, value.ConfirmedBy, value.ConfirmedAt?.ToUniversalTime()];
    }
}
