using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Archive;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

/// <summary><c>strata export archive [--out FILE]</c> and <c>strata import archive FILE [--on-conflict skip|fail]</c>:
/// the portable archive (docs/archive.md).</summary>
internal static class ArchiveCommands
{
    /// <summary><c>export archive</c>, one subcommand of <see cref="ExportCommands.Root"/>.</summary>
    public static Command Export()
    {
        var output = new Option<string>("--out")
        {
            Description = "Where to write the archive (a ZIP); - for standard output. Default strata-archive.zip.",
            DefaultValueFactory = _ => "strata-archive.zip",
        };
        var archive = new Command("archive", "Write everything you have (sources' bytes, runs, observations, entities, documents, reviews, chat imports, relations; no keys) as one archive another Strata imports.") { output };
        archive.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var path = parse.GetValue(output)!;
            ArchiveExportResult result;
            if (path == "-")
            {
                await using var stdout = Console.OpenStandardOutput();
                result = await context.Services.ArchiveExport.ExportAsync(context.UserId, stdout, ct);
                Console.Error.WriteLine(TerminalText.Safe(Text(result, "standard output")));
                return 0;
            }
            // Written beside the target and moved into place: a failed export leaves no half archive under the name.
            var partial = path + ".part";
            try
            {
                await using (var file = File.Create(partial))
                {
                    result = await context.Services.ArchiveExport.ExportAsync(context.UserId, file, ct);
                }
                File.Move(partial, path, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }
            Printer.Print(context.Json, result, StrataJson.Wire.ArchiveExportResult, r => Text(r, path));
            return 0;
        }));
        return archive;
    }

    public static Command Import()
    {
        var file = new Argument<string>("FILE") { Description = "An archive written by 'strata export archive'." };
        var onConflict = new Option<string>("--on-conflict")
        {
            Description = "A row this store already has: skip keeps it and adds the rest (importing twice adds nothing); fail refuses the whole import.",
            DefaultValueFactory = _ => "skip",
        };
        onConflict.AcceptOnlyFromAmong("skip", "fail");
        var import = new Command("archive", "Load an archive of your data (from this or another Strata, SQLite or PostgreSQL) with its ids, snapshots and provenance; checked whole before anything is written.")
        {
            file, onConflict,
        };
        import.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var mode = parse.GetValue(onConflict) == "fail" ? ArchiveConflict.Fail : ArchiveConflict.Skip;
            var result = await context.Services.ArchiveImport.ImportAsync(context.UserId, parse.GetValue(file)!, mode, ct);
            Printer.Print(context.Json, result, StrataJson.Wire.ArchiveImportResult,
                r => $"Imported {r.RowsAdded} rows ({r.RowsSkipped} already there, skipped) and {r.BlobsWritten} sources' bytes.\n");
            return 0;
        }));
        return import;
    }

    private static string Text(ArchiveExportResult result, string where) =>
        $"Archive written to {where}: {result.Rows} rows in {result.Tables.Count} tables, {result.Blobs} sources' bytes ({result.BlobBytes} bytes).\n";
}
