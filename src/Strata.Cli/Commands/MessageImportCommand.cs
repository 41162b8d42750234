using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Imports;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

/// <summary><c>strata import messages FILE</c>: a generic JSON Lines message file, imported like a chat export (the same
/// service, provider <c>messages</c>). No model pass unless <c>--full-pass</c>; <c>--wait</c> answers once the messages
/// are converted into blocks, so recall finds them.</summary>
internal static class MessageImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "JSON Lines, one message a line: {conversation_id, conversation_title?, message_id, speaker?, role?, time?, text}.",
        };
        var fullPass = new Option<bool>("--full-pass") { Description = "Queue the full LLM pass over the conversations (needs a configured model)." };
        var wait = new Option<bool>("--wait") { Description = "Run the queued work (conversions into message blocks, the full pass if asked) here and answer when the messages are searchable." };
        var command = new Command(ChatProviders.Messages, "Import a message file (Slack or Discord dump, meeting transcript, any chat log): "
            + "each conversation a source and a document of message blocks, the message ids kept.") { file, fullPass, wait };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var path = parse.GetValue(file)!;
            ChatImportView result;
            await using (var content = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            using (var progress = context.Json ? null : new ImportProgressLines(path.Name))
            {
                result = await context.Services.ChatImports.ImportAsync(context.UserId,
                    new ChatImportRequest(content, ChatProviders.Messages, path.Name, FullPass: parse.GetValue(fullPass)), progress, ct);
            }
            if (parse.GetValue(wait))
            {
                await context.Services.Jobs.DrainAsync("cli-import", ct);
                result = await context.Services.ChatImports.GetAsync(context.UserId, result.ImportId, ct);
            }
            Printer.Print(context.Json, result, StrataJson.Wire.ChatImportView, ImportText.Of);
            return result.Status == ChatImportStatuses.Failed ? 1 : 0;
        }));
        return command;
    }
}
