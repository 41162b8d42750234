using System.CommandLine;
using System.Text;
using System.Text.Json.Serialization;
using Strata.Cli.Output;
using Strata.Core.MemoryServer;

namespace Strata.Cli.Commands;

/// <summary><c>strata import memory-json FILE [--strict]</c> and <c>strata export memory-json [--out FILE|-]</c>: the MCP
/// reference memory server's file (docs/memory-server.md).</summary>
internal static class MemoryJsonCommands
{
    public const string Format = "memory-json";

    public static Command Import()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The reference memory server's memory.jsonl (or an older install's memory.json)." };
        var strict = new Option<bool>("--strict") { Description = "Import nothing if any line is refused (default: import the others and list the refused lines)." };
        var command = new Command(Format, "Import the MCP reference memory server's file into the memory-server profile's graph: each entity, "
            + "its observations and each relation, as its tools would have written them.") { file, strict };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var path = parse.GetValue(file)!;
            if (!path.Exists) return Printer.Error(context.Json, Core.Errors.ErrorCodes.ValidationFailed, $"No file {path.FullName}.");
            var result = await context.Services.MemoryServer.ImportFileAsync(context.UserId,
                () => new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true), parse.GetValue(strict), ct);
            Printer.Print(context.Json, result, MemoryJsonWire.Default.MemoryImportResult, Text);
            return result.LinesRefused > 0 ? 1 : 0;
        }));
        return command;
    }

    /// <summary><c>export memory-json</c>, one subcommand of <see cref="ExportCommands.Root"/>.</summary>
    public static Command Export()
    {
        var output = new Option<string?>("--out") { Description = "The file to write (default, or -: standard output)." };
        var asOf = new Option<string?>("--as-of") { Description = "The graph as it was at this time (ISO 8601): what was deleted since shows again. Default: now." };
        var memoryJson = new Command(Format, "Write the memory-server profile's graph in the reference memory server's format (JSON Lines).") { output, asOf };
        memoryJson.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var to = parse.GetValue(output);
            var at = EntityCommands.ParseTime(parse.GetValue(asOf));
            if (to is null or "-")
            {
                await using var stdout = Console.OpenStandardOutput();
                await context.Services.MemoryServer.ExportFileAsync(context.UserId, stdout, at, ct);
                return 0;
            }
            // Written beside the target and moved over it: a failed export never leaves half a file under the name asked for.
            var partial = to + ".partial";
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await context.Services.MemoryServer.ExportFileAsync(context.UserId, file, at, ct);
            }
            File.Move(partial, to, overwrite: true);
            if (!context.Json) Console.Error.WriteLine($"memory-json written to {Path.GetFullPath(to)}");
            return 0;
        }));
        return memoryJson;
    }

    private static string Text(MemoryImportResult result)
    {
        var text = new StringBuilder($"{result.Lines} lines: {result.EntitiesCreated} entities created, {result.ObservationsAdded} observations added, "
            + $"{result.RelationsCreated} relations created");
        if (result.LinesRefused > 0)
        {
            text.Append($"; {result.LinesRefused} lines refused{(result.Strict ? ", so nothing was imported (--strict)" : "")}:");
            foreach (var problem in result.Problems) text.Append($"\n  line {problem.Line}: {problem.Message}");
            if (result.LinesRefused > result.Problems.Count) text.Append($"\n  ... and {result.LinesRefused - result.Problems.Count} more");
        }
        return text.Append('\n').ToString();
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(MemoryImportResult))]
internal sealed partial class MemoryJsonWire : JsonSerializerContext;
