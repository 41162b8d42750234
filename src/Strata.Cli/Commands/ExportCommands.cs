using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Exports;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

/// <summary><c>strata export entities | document | project | reconstruct | memory | neo4j</c>: files that DuckDB, pipelines and people read
/// (docs/exports.md), streamed to <c>--out</c> (a file, <c>-</c> for standard output).</summary>
internal static class ExportCommands
{
    public static Command Export() => new("export", "Export entities, documents and projects as JSONL, CSV or Parquet, a document's revised text, the whole store as an archive, or the memory-server profile's file.")
    {
        Entities(), Document(), Project(), Reconstruct(), Memory(), Neo4j(), ArchiveCommands.Export(), MemoryJsonCommands.Export(),
    };

    private static Option<string?> Format(string formats) => new("--format") { Description = $"{formats}. Default: jsonl." };

    private static Option<string?> Out() => new("--out")
    {
        Description = "Where to write: a file (default: the export's own name in the current folder), or - for standard output.",
    };

    private static Command Entities()
    {
        var type = new Option<string?>("--type") { Description = "Only entities of this type (one file); every type otherwise (CSV and Parquet: a ZIP with a file per type)." };
        var format = Format("jsonl, csv or parquet");
        var merged = new Option<bool>("--include-merged") { Description = "Also entities merged into others (left out by default, as in entities list)." };
        var relations = new Option<bool>("--relations") { Description = "Also the relations that hold now, as a file beside the entities (a ZIP)." };
        var output = Out();
        var command = new Command("entities", "Entities with their provenance: JSONL (a snapshot per line), CSV or Parquet (a typed column per field).")
        {
            type, format, merged, relations, output,
        };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var download = await context.Services.EntityExports.ExportAsync(context.UserId,
                new EntityExportRequest(parse.GetValue(format), parse.GetValue(type), parse.GetValue(merged), parse.GetValue(relations)), ct);
            return await WriteAsync(context, download, parse.GetValue(output), ct);
        }));
        return command;
    }

    private static Command Document()
    {
        var id = new Argument<string>("DOCUMENT_ID");
        var format = Format("jsonl (one canonical line per block), csv or parquet");
        var output = Out();
        var command = new Command("document", "A document's blocks, one row each, with the confirmed values of every block schema run over it.")
        {
            id, format, output,
        };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var download = await context.Services.DocumentExports.ExportDocumentAsync(context.UserId, parse.GetValue(id)!, parse.GetValue(format), ct);
            return await WriteAsync(context, download, parse.GetValue(output), ct);
        }));
        return command;
    }

    private static Command Project()
    {
        var project = new Argument<string>("PROJECT") { Description = "The project's id (prj_...) or name." };
        var format = Format($"jsonl, csv, parquet (a ZIP with a file per document) or {DatasetExportService.FormatName} (a folder DuckDB reads as one table)");
        var output = Out();
        var command = new Command("project", "Every ingested document of a project, or its confirmed values as a partitioned Parquet dataset.")
        {
            project, format, output,
        };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            if (string.Equals(parse.GetValue(format), DatasetExportService.FormatName, StringComparison.OrdinalIgnoreCase))
            {
                var folder = Path.GetFullPath(parse.GetValue(output) is { } given && given != "-" ? given : "dataset");
                long rows;
                using (var progress = new ExportProgress())
                {
                    rows = await context.Services.DatasetExports.WriteToDirectoryAsync(context.UserId, parse.GetValue(project)!, folder, progress, ct);
                }
                Printer.Print(context.Json, new ExportResult(Path.GetFileName(folder), "inode/directory", rows, 0, folder), StrataJson.Wire.ExportResult,
                    r => $"Exported {r.Rows:N0} confirmed values to {r.Path} (read it with read_parquet('{r.Path}/**/*.parquet', hive_partitioning = 1))" + Environment.NewLine);
                return 0;
            }
            var download = await context.Services.DocumentExports.ExportProjectAsync(context.UserId, parse.GetValue(project)!, parse.GetValue(format), ct);
            return await WriteAsync(context, download, parse.GetValue(output), ct);
        }));
        return command;
    }

    private static Command Reconstruct()
    {
        var id = new Argument<string>("DOCUMENT_ID");
        var field = new Option<string?>("--field") { Description = $"The field of a block schema that holds a block's revised text. Default: {ReconstructionService.DefaultRevisionField}." };
        var schema = new Option<string?>("--schema") { Description = "Only revisions from runs of this block schema (schema_ref)." };
        var output = Out();
        var command = new Command("reconstruct", "A document's revised text: confirmed revisions in place of their blocks, everything else as it was.")
        {
            id, field, schema, output,
        };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var download = await context.Services.Reconstruction.ReconstructAsync(context.UserId, parse.GetValue(id)!, parse.GetValue(field), parse.GetValue(schema), ct);
            return await WriteAsync(context, download, parse.GetValue(output), ct);
        }));
        return command;
    }

    private static Command Memory()
    {
        var type = new Option<string?>("--type") { Description = "Only entities of this type (fact, preference, contact...)." };
        var format = new Option<string?>("--format") { Description = "markdown (for people) or json. Default: markdown." };
        var since = new Option<string?>("--since") { Description = "Only entities updated at or after this time (ISO 8601)." };
        var until = new Option<string?>("--until") { Description = "Only entities updated before this time (ISO 8601)." };
        var output = Out();
        var command = new Command("memory", "Your memory for people: every entity with its values and relations, each citing the source it came from.")
        {
            type, format, since, until, output,
        };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var download = await context.Services.MemoryExports.ExportAsync(context.UserId, new Core.Exports.Memory.MemoryExportRequest(parse.GetValue(format),
                parse.GetValue(type), EntityCommands.ParseTime(parse.GetValue(since)), EntityCommands.ParseTime(parse.GetValue(until))), ct);
            return await WriteAsync(context, download, parse.GetValue(output), ct);
        }));
        return command;
    }

    private static Command Neo4j()
    {
        var type = new Option<string?>("--type") { Description = "Only entities of this type (and the relations from them)." };
        var format = new Option<string?>("--format")
        {
            Description = "cypher: a script of MERGE statements for cypher-shell -f; admin-csv: a folder of CSVs for neo4j-admin database import (--out names the folder). Default: cypher.",
        };
        var output = Out();
        var command = new Command("neo4j", "Your entities and the relations holding now as a Cypher script for Neo4j, every node and relationship carrying its provenance.")
        {
            type, format, output,
        };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var download = await context.Services.CypherExports.ExportAsync(context.UserId, parse.GetValue(format), parse.GetValue(type), ct);
            return string.Equals(parse.GetValue(format)?.Trim(), Core.Exports.Neo4j.CypherExportService.AdminCsv, StringComparison.OrdinalIgnoreCase)
                ? await WriteFolderAsync(context, download, parse.GetValue(output) is { } given && given != "-" ? given : "neo4j-import", ct)
                : await WriteAsync(context, download, parse.GetValue(output), ct);
        }));
        return command;
    }

    /// <summary>A ZIP export unpacked into a folder: streamed to a temporary file beside the folder first (memory stays
    /// bounded), then extracted, so a failed export leaves no half folder.</summary>
    private static async Task<int> WriteFolderAsync(CliContext context, ExportDownload download, string folder, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(folder);
        var zip = path + ".zip.partial";
        long rows;
        try
        {
            using (var progress = new ExportProgress())
            {
                await using (var file = new FileStream(zip, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
                {
                    await download.WriteToAsync(file, progress, cancellationToken);
                }
                rows = progress.Rows;
            }
            Directory.CreateDirectory(path);
            await System.IO.Compression.ZipFile.ExtractToDirectoryAsync(zip, path, overwriteFiles: true, cancellationToken);
        }
        finally
        {
            File.Delete(zip);
        }
        Printer.Print(context.Json, new ExportResult(Path.GetFileName(path), "inode/directory", rows, 0, path), StrataJson.Wire.ExportResult,
            r => $"Exported {r.Rows:N0} rows to {r.Path} (neo4j-admin database import full --nodes={r.Path}/nodes/<type>.csv … --relationships={r.Path}/relationships.csv)"
                + Environment.NewLine);
        return 0;
    }

    /// <summary>Streams to standard output, or to a file through a temporary one beside it, so a failed export leaves no
    /// half-written file under the name asked for.</summary>
    private static async Task<int> WriteAsync(CliContext context, ExportDownload download, string? output, CancellationToken cancellationToken)
    {
        using var progress = new ExportProgress();
        if (output == "-")
        {
            await using var stdout = Console.OpenStandardOutput();
            await download.WriteToAsync(stdout, progress, cancellationToken);
            return 0;
        }
        var path = Path.GetFullPath(output ?? download.FileName);
        var partial = path + ".partial";
        long bytes;
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await download.WriteToAsync(file, progress, cancellationToken);
                bytes = file.Length;
            }
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        Printer.Print(context.Json, new ExportResult(download.FileName, download.MediaType, progress.Rows, bytes, path), StrataJson.Wire.ExportResult,
            r => $"Exported {r.Rows:N0} rows to {r.Path} ({r.Bytes:N0} bytes)" + Environment.NewLine);
        return 0;
    }
}
