using System.CommandLine;
using System.Text.Json;
using Strata.Cli.Output;
using Strata.Core.Agent;
using Strata.Core.Errors;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

/// <summary>The calling agent as interpreter on the command line: <c>sources content ID</c> and <c>submit-interpretation</c>.</summary>
internal static class AgentCommands
{
    /// <summary><c>sources content ID [--offset N] [--length N]</c>: the <c>get_source_content</c> operation.</summary>
    public static Command Content()
    {
        var source = new Argument<string>("SOURCE_ID") { Description = "The source's id (src_...)." };
        var offset = new Option<int?>("--offset") { Description = "Where the page starts, in UTF-16 characters (default 0)." };
        var length = new Option<int?>("--length")
        {
            Description = $"Characters to print (default {SourceContentService.DefaultLength}, at most {SourceContentService.MaxLength}).",
        };
        var command = new Command("content", "Print a source's text, a page at a time (what an agent reads before submit-interpretation).") { source, offset, length };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.SourceContent.ReadAsync(context.UserId, parse.GetValue(source)!, parse.GetValue(offset) ?? 0, parse.GetValue(length), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.SourceContentView, HumanText.Of);
            return 0;
        }));
        return command;
    }

    public static Command SubmitInterpretation()
    {
        var source = new Argument<string>("SOURCE_ID") { Description = "The source that was interpreted (src_...)." };
        var file = new Argument<string>("FILE")
        {
            Description = "A JSON file of entities ([{...}] or {\"entities\": [...]}), each with entity_type, fields and optional evidence, or - for standard input.",
        };
        var interpreter = new Option<string>("--interpreter") { Description = "Who interpreted the source (recorded on the run; default cli).", DefaultValueFactory = _ => "cli" };
        var model = new Option<string?>("--model") { Description = "The model behind the interpreter, when known." };
        var command = new Command("submit-interpretation",
            "Record entities you (or your agent) extracted from a source as a new interpretation run of it, with evidence quotes located in its text.")
        {
            source, file, interpreter, model,
        };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var path = parse.GetValue(file)!;
            JsonElement payload;
            await using (var content = path == "-" ? Console.OpenStandardInput() : OpenFile(path))
            {
                try
                {
                    payload = (await JsonDocument.ParseAsync(content, new JsonDocumentOptions { MaxDepth = 64 }, ct)).RootElement;
                }
                catch (JsonException failure)
                {
                    throw StrataException.Malformed($"{path} is not valid JSON: {failure.Message}");
                }
            }
            var result = await context.Services.AgentInterpretations.SubmitAsync(context.UserId, new AgentInterpretationRequest(
                parse.GetValue(source)!, IngestCommands.EntitiesOf(payload), parse.GetValue(interpreter)!, parse.GetValue(model), IngestCommands.RelationsOf(payload)), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.AgentInterpretationResult, HumanText.Of);
            return 0;
        }));
        return command;
    }

    private static FileStream OpenFile(string path) => File.Exists(path)
        ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan)
        : throw StrataException.Validation($"No file at {path}.");
}
