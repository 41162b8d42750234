using System.CommandLine;
using System.Globalization;
using System.Text;
using Strata.Cli.Output;
using Strata.Core.Operations;
using Strata.Core.Recall;

namespace Strata.Cli.Commands;

/// <summary><c>strata recall-status</c>: the recall index and its background runs' progress (or the JSON record REST and MCP
/// return, with --json).</summary>
internal static class RecallStatusCommand
{
    public static Command Create()
    {
        var command = new Command("recall-status", "How much of your memory recall searches, and the progress of its background index and embedding runs.");
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var status = await context.Services.RecallStatus.StatusAsync(context.UserId, ct);
            Printer.Print(context.Json, status, StrataJson.Wire.RecallStatus, Text);
            return 0;
        }));
        return command;
    }

    private static string Text(RecallStatus status)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"units: {status.Units}");
        text.AppendLine(CultureInfo.InvariantCulture, $"index of documents older than recall: {status.Index.Done} of {status.Index.Total} ({status.Index.State})");
        text.AppendLine(status.Embedding is { } e
            ? string.Create(CultureInfo.InvariantCulture, $"embedding {e.Model}: {e.Done} of {e.Total} units ({e.State})")
                + string.Concat(e.OtherModels.Select(o => string.Create(CultureInfo.InvariantCulture, $"; {o.Key} still serving {o.Value}")))
            : "embedding: no provider configured");
        return text.ToString();
    }
}
