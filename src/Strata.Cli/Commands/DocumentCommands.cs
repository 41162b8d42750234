using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

/// <summary><c>documents</c> (list, add, show, delete) and <c>blocks</c> (list, show). Files are added with
/// <c>strata ingest --project P FILES...</c>.</summary>
internal static class DocumentCommands
{
    public static Command Documents() => new("documents", "A project's documents: documents list PROJECT; add PROJECT SOURCE_ID; show and delete DOCUMENT_ID.")
    {
        List(), Add(), Show(), Delete(),
    };

    private static Argument<string> DocumentArgument() => new("DOCUMENT_ID") { Description = "The document's id (doc_...)." };

    private static Command List()
    {
        var project = ProjectCommands.ProjectArgument();
        var status = new Option<string?>("--status") { Description = "Only documents in this status: uploaded, converting, ingested or conversion_failed." };
        var paging = new PagingOptions(byCursor: true);
        var command = new Command("list", "List a project's documents in the order they were added, with status and block count.") { project, status };
        paging.AddTo(command);
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Documents.ListAsync(context.UserId, parse.GetValue(project)!, parse.GetValue(status), paging.From(parse), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.DocumentList, DocumentText.Of);
            return 0;
        }));
        return command;
    }

    private static Command Add()
    {
        var project = ProjectCommands.ProjectArgument();
        var source = new Argument<string>("SOURCE_ID") { Description = "A stored source (src_...) to add as a document." };
        var name = new Option<string?>("--name") { Description = "The document's name (default: the source's file name)." };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the conversion is queued; a worker converts it." };
        var command = new Command("add", "Add a stored source to a project as a document and convert it into blocks.") { project, source, name, noWait };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Documents.AddSourceAsync(context.UserId, parse.GetValue(project)!, parse.GetValue(source)!, parse.GetValue(name),
                !parse.GetValue(noWait), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.AddDocumentResult, DocumentText.Of);
            return result.Document.Status == "conversion_failed" ? 1 : 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var document = DocumentArgument();
        var command = new Command("show", "Show one document: status, converter, block count, and the error of a failed conversion.") { document };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.Documents.GetAsync(context.UserId, parse.GetValue(document)!, ct), StrataJson.Wire.DocumentView, DocumentText.Of);
            return 0;
        }));
        return command;
    }

    private static Command Delete()
    {
        var document = DocumentArgument();
        var preview = ProjectCommands.PreviewOption();
        var command = new Command("delete", "Delete a document: its blocks, block runs and the entities only they fed, and its source and bytes when nothing else uses them; says what it removed.")
        {
            document, preview,
        };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            if (parse.GetValue(preview))
            {
                Printer.Print(context.Json, await context.Services.Deletions.PreviewAsync(context.UserId, null, parse.GetValue(document)!, ct),
                    StrataJson.Wire.DeletionPreview, DocumentText.Of);
                return 0;
            }
            Printer.Print(context.Json, await context.Services.Deletions.DeleteDocumentAsync(context.UserId, parse.GetValue(document)!, ct), StrataJson.Wire.DeleteResult, DocumentText.Of);
            return 0;
        }));
        return command;
    }

    public static Command Blocks()
    {
        var document = DocumentArgument();
        var paging = new PagingOptions(byCursor: true);
        var command = new Command("blocks", "List a document's blocks in reading order (blocks show BLOCK_UID: one block with its locator).") { document, ShowBlock() };
        paging.AddTo(command);
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.Documents.ListBlocksAsync(context.UserId, parse.GetValue(document)!, paging.From(parse), ct),
                StrataJson.Wire.BlockList, DocumentText.Of);
            return 0;
        }));
        return command;
    }

    private static Command ShowBlock()
    {
        var block = new Argument<string>("BLOCK_UID") { Description = "The block's id (conv_...:index)." };
        var command = new Command("show", "Show one block: type, heading path, locator and content.") { block };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            Printer.Print(context.Json, await context.Services.Documents.GetBlockAsync(context.UserId, parse.GetValue(block)!, ct), StrataJson.Wire.BlockView, DocumentText.Of);
            return 0;
        }));
        return command;
    }
}
