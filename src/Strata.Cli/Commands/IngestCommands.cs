using System.CommandLine;
using System.Text.Json;
using Strata.Cli.Output;
using Strata.Core.Errors;
using Strata.Core.Observations;
using Strata.Core.Operations;
using Strata.Core.Runs;
using Strata.Core.Sources;

namespace Strata.Cli.Commands;

internal static class IngestCommands
{
    public static Command Ingest()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Files to ingest; a folder is walked (recursively, in path order, hidden files left out); - reads standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var name = new Option<string?>("--name") { Description = "The file name to record for standard input (ingest -), e.g. notes.md." };
        var type = new Option<string?>("--type") { Description = "Entity type for records that name none (e.g. CSV rows)." };
        var mime = new Option<string?>("--mime-type") { Description = "Media type, when detection from the name is not enough." };
        var noInterpret = new Option<bool>("--no-interpret") { Description = "Store the source only; interpret later with reinterpret." };
        var noWait = NoWait();
        var llm = Llm();
        var model = Model();
        var project = new Option<string?>("--project")
        {
            Description = "Add the files as documents of this project (id or name) and convert them into blocks, instead of interpreting them.",
        };
        var command = new Command("ingest", "Store files as sources and interpret them (waiting for the interpretation unless --no-wait); "
            + "with --project, add them to a project as documents.")
        {
            files, name, type, mime, noInterpret, noWait, llm, model, project,
        };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            if (parse.GetValue(project) is { } target)
            {
                return await ProjectIngest.RunAsync(context, target, IngestInputs.Expand(parse.GetValue(files)!).ToList(), parse.GetValue(name),
                    parse.GetValue(mime), !parse.GetValue(noWait), ct);
            }
            var exit = 0;
            foreach (var (path, skipped) in IngestInputs.Expand(parse.GetValue(files)!))
            {
                if (skipped is not null)
                {
                    Printer.Skipped(context.Json, path, skipped);
                    continue;
                }
                try
                {
                    var stdin = path == IngestInputs.StandardInput;
                    await using var content = stdin ? Console.OpenStandardInput() : OpenFile(path);
                    var fileName = stdin ? parse.GetValue(name) : Path.GetFileName(path);
                    IngestResult result;
                    using (var progress = context.Json ? null : new ProgressLines(fileName ?? "standard input"))
                    {
                        result = await context.Services.Ingest.IngestAsync(context.UserId,
                            new IngestRequest(content, fileName, parse.GetValue(mime), parse.GetValue(type), !parse.GetValue(noInterpret),
                                Wait: !parse.GetValue(noWait))
                            {
                                Progress = progress,
                                Llm = parse.GetValue(llm) || parse.GetValue(model) is not null,
                                Model = parse.GetValue(model),
                            }, ct);
                    }
                    Printer.Print(context.Json, result, StrataJson.Wire.IngestResult, HumanText.Of);
                    if (!context.Json) await FailedItemsNote.PrintAsync(context.Services, context.UserId, result.Interpretation, ct);
                    if (result.Interpretation.Status == RunStatuses.Failed) exit = 1;
                }
                catch (StrataException failure)
                {
                    exit = Printer.Error(context.Json, failure.Code, $"{path}: {failure.Message}");
                }
            }
            return exit;
        }));
        return command;
    }

    public static Command Store()
    {
        var file = new Argument<string>("FILE") { Description = "A JSON file of entities ([{...}] or {\"entities\": [...], \"relations\": [...]}), or - for standard input." };
        var priority = new Option<int?>("--priority") { Description = "Observation priority (default 100; corrections are 1000)." };
        var key = new Option<string?>("--idempotency-key") { Description = "Makes a deliberate repeat of the same payload a new write." };
        var command = new Command("store", "Write entities you state yourself (the structured path).") { file, priority, key };
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
            var result = await context.Services.Structured.StoreAsync(context.UserId,
                new StoreRequest(EntitiesOf(payload), parse.GetValue(priority), parse.GetValue(key), RelationsOf(payload)), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.StoreResult, HumanText.Of);
            return 0;
        }));
        return command;
    }

    public static Command Reinterpret()
    {
        var source = new Argument<string>("SOURCE_ID");
        var type = new Option<string?>("--type") { Description = "Entity type to apply (default: the one the last run used)." };
        var noWait = NoWait();
        var llm = Llm();
        var model = Model();
        var command = new Command("reinterpret", "Interpret a stored source again in a new run; earlier runs stay as they were.")
        {
            source, type, noWait, llm, model,
        };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Ingest.ReinterpretAsync(context.UserId, parse.GetValue(source)!,
                new ReinterpretRequest(parse.GetValue(type), Wait: !parse.GetValue(noWait)) { Llm = parse.GetValue(llm), Model = parse.GetValue(model) }, ct);
            Printer.Print(context.Json, result, StrataJson.Wire.InterpretationOutcome, HumanText.Of);
            if (!context.Json) await FailedItemsNote.PrintAsync(context.Services, context.UserId, result, ct);
            return result.Status == RunStatuses.Failed ? 1 : 0;
        }));
        return command;
    }

    private static Option<bool> Llm() => new("--llm")
    {
        Description = "Interpret with a language model (text, Markdown, HTML, JSON, CSV) instead of the rules; see docs/llm.md to configure one.",
    };

    private static Option<string?> Model() => new("--model")
    {
        Description = "The model for --llm, as provider/model (e.g. anthropic/claude-sonnet-4-5); implies --llm. Default: the configured one.",
    };

    private static Option<bool> NoWait() => new("--no-wait")
    {
        Description = "Return once the interpretation is queued; a worker (strata worker, or strata serve) runs it.",
    };

    /// <summary>Accepts an array of entities, <c>{"entities": [...]}</c>, or a single entity object.</summary>
    public static IReadOnlyList<JsonElement> EntitiesOf(JsonElement payload)
    {
        if (payload.ValueKind == JsonValueKind.Array) return payload.EnumerateArray().ToList();
        if (payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("entities", out var entities) && entities.ValueKind == JsonValueKind.Array)
        {
            return entities.EnumerateArray().ToList();
        }
        if (payload.ValueKind == JsonValueKind.Object) return [payload];
        throw StrataException.Validation("Expected an array of entities, {\"entities\": [...]}, or one entity object.");
    }

    /// <summary>The relations of <c>{"entities": [...], "relations": [...]}</c> (docs/graph.md), if any.</summary>
    public static IReadOnlyList<JsonElement>? RelationsOf(JsonElement payload) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("relations", out var relations) && relations.ValueKind == JsonValueKind.Array
            ? relations.EnumerateArray().ToList()
            : null;

    public static FileStream OpenFile(string path)
    {
        if (!File.Exists(path))
        {
            throw StrataException.Validation($"No file at {path}.");
        }
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }
}
