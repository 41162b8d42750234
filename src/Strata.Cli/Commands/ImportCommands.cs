using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Imports;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

/// <summary><c>strata import chatgpt|claude FILE</c>, <c>strata import status ID</c>, <c>strata import resume ID</c> and
/// <c>strata memory</c> (and <c>strata memory evidence</c>).</summary>
internal static class ImportCommands
{
    public static Command Import()
    {
        var import = new Command("import", "Import a ChatGPT or Claude export as chat-history memory, and follow or resume an import.");
        foreach (var provider in new[] { ChatProviders.ChatGpt, ChatProviders.Claude })
        {
            import.Subcommands.Add(ImportExport(provider));
        }
        import.Subcommands.Add(MessageImportCommand.Create());
        import.Subcommands.Add(ArchiveCommands.Import());
        import.Subcommands.Add(MemoryJsonCommands.Import());

        var statusId = new Argument<string>("IMPORT_ID") { Description = "The import's id (imp_...)." };
        var status = new Command("status", "An import's status, counts, full-pass progress, profile and last error.") { statusId };
        status.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.ChatImports.GetAsync(context.UserId, parse.GetValue(statusId)!, ct);
            Printer.Print(context.Json, result, StrataJson.Wire.ChatImportView, ImportText.Of);
            return 0;
        }));
        import.Subcommands.Add(status);
        import.Subcommands.Add(List());

        var resumeId = new Argument<string>("IMPORT_ID") { Description = "The import's id (imp_...)." };
        var resumeWait = Wait();
        var resume = new Command("resume", "Continue an import's full pass where it stopped (conversations done are kept).") { resumeId, resumeWait };
        resume.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.ChatImports.ResumeAsync(context.UserId, parse.GetValue(resumeId)!, ct);
            if (parse.GetValue(resumeWait)) result = await FullPassAsync(context, result, ct);
            Printer.Print(context.Json, result, StrataJson.Wire.ChatImportView, ImportText.Of);
            return result.Status == ChatImportStatuses.Failed ? 1 : 0;
        }));
        import.Subcommands.Add(resume);
        return import;
    }

    /// <summary><c>strata import list</c>: list_imports.</summary>
    private static Command List()
    {
        var paging = new PagingOptions(byCursor: true);
        var list = new Command("list", "Your imports of every kind, newest first: status, last error, counts.");
        paging.AddTo(list);
        list.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.ChatImports.ListAsync(context.UserId, paging.From(parse), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.ImportList, ImportText.Of);
            return 0;
        }));
        return list;
    }

    public static Command Memory()
    {
        var budget = new Option<int?>("--budget") { Description = "Tokens MEMORY.md may use (default 4000)." };
        var memory = new Command("memory", "Print MEMORY.md, rendered from your entities: preferences, projects, people, dates, beliefs, decisions.") { budget };
        memory.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Memory.RenderAsync(context.UserId, parse.GetValue(budget), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.MemoryDocument, m => m.Markdown);
            return 0;
        }));
        memory.Subcommands.Add(Evidence());
        return memory;
    }

    /// <summary><c>strata memory evidence ENTITY_ID FIELD</c> or <c>strata memory evidence OBSERVATION_ID</c>: get_chat_evidence.</summary>
    private static Command Evidence()
    {
        var id = new Argument<string>("ID") { Description = "An entity (ent_..., with FIELD) or an observation (obs_...)." };
        var field = new Argument<string?>("FIELD") { Description = "With an entity: the field whose value to trace (e.g. value, name).", Arity = ArgumentArity.ZeroOrOne };
        var evidence = new Command("evidence", "Show where a chat fact was said: the conversation, the message (role, time) and the exact words with their character range.")
        {
            id, field,
        };
        evidence.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var given = parse.GetValue(id)!;
            var isObservation = given.StartsWith("obs_", StringComparison.Ordinal);
            var result = await context.Services.ChatEvidence.GetAsync(context.UserId, isObservation ? given : null, isObservation ? null : given,
                parse.GetValue(field), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.ChatEvidenceView, ChatEvidenceText.Of);
            return 0;
        }));
        return evidence;
    }

    private static Command ImportExport(string provider)
    {
        var file = new Argument<FileInfo>("FILE") { Description = provider == ChatProviders.ChatGpt
            ? "The export: ChatGPT's zip, or its conversations.json."
            : "The export's conversations.json (or the zip holding it)." };
        var noFullPass = new Option<bool>("--no-full-pass") { Description = "Only the quick pass: queue no LLM pass." };
        var projectsFile = new Option<FileInfo?>("--projects")
        {
            Description = "Claude's projects.json, read into project entities (default: the projects.json beside FILE, when there is one).",
        };
        var wait = Wait();
        var command = new Command(provider, $"Import a {(provider == ChatProviders.ChatGpt ? "ChatGPT" : "Claude")} export: each conversation a source and a "
            + "document, the quick pass now, the full LLM pass queued for a worker (or run here with --wait).") { file, noFullPass, wait };
        if (provider == ChatProviders.Claude) command.Options.Add(projectsFile);
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var path = parse.GetValue(file)!;
            ChatImportView result;
            var projects = provider == ChatProviders.Claude ? ProjectsBeside(path, parse.GetValue(projectsFile)) : null;
            await using (var content = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            await using (var projectsContent = projects?.OpenRead())
            using (var progress = context.Json ? null : new ImportProgressLines(path.Name))
            {
                result = await context.Services.ChatImports.ImportAsync(context.UserId,
                    new ChatImportRequest(content, provider, path.Name, FullPass: !parse.GetValue(noFullPass), Projects: projectsContent), progress, ct);
            }
            if (parse.GetValue(wait)) result = await FullPassAsync(context, result, ct);
            Printer.Print(context.Json, result, StrataJson.Wire.ChatImportView, ImportText.Of);
            return result.Status == ChatImportStatuses.Failed ? 1 : 0;
        }));
        return command;
    }

    /// <summary>The projects file named, else Claude's projects.json unpacked beside the conversations, else none.</summary>
    private static FileInfo? ProjectsBeside(FileInfo conversations, FileInfo? named)
    {
        if (named is not null) return named.Exists ? named : throw Core.Errors.StrataException.Validation($"No file {named.FullName}.");
        if (conversations.Name.Equals(ClaudeProjects.FileName, StringComparison.OrdinalIgnoreCase)) return null;
        var beside = new FileInfo(Path.Combine(conversations.DirectoryName ?? ".", ClaudeProjects.FileName));
        return beside.Exists ? beside : null;
    }

    private static Option<bool> Wait() => new("--wait")
    {
        Description = "Run the queued work (the full pass, the conversions into message blocks) in this process and answer when it is done.",
    };

    /// <summary>Works on every queued job here (the full pass and the conversions), then reads the import again.</summary>
    private static async Task<ChatImportView> FullPassAsync(CliContext context, ChatImportView import, CancellationToken ct)
    {
        if (!import.FullPassQueued) return import;
        if (!context.Json) Console.Error.WriteLine("full pass: reading the conversations with the model…");
        await context.Services.Jobs.DrainAsync("cli-import", ct);
        return await context.Services.ChatImports.GetAsync(context.UserId, import.ImportId, ct);
    }
}
