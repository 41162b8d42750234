using System.CommandLine;
using Strata.Cli.Output;
using Strata.Core.Operations;

namespace Strata.Cli.Commands;

internal static class SourceCommands
{
    public static Command Sources()
    {
        var paging = new PagingOptions(byCursor: true);
        var command = new Command("sources", "List stored sources, newest first (sources content ID: a source's text; sources delete ID: forget one).") { AgentCommands.Content(), ForgetCommands.Source() };
        paging.AddTo(command);
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Sources.ListSourcesAsync(context.UserId, paging.From(parse), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.SourceList, HumanText.Of);
            return 0;
        }));
        return command;
    }

    public static Command Runs()
    {
        var source = new Option<string?>("--source") { Description = "Only the runs of this source." };
        var includeArchived = new Option<bool>("--include-archived") { Description = "Also list archived runs (finished long ago; see docs/operations.md)." };
        var paging = new PagingOptions(byCursor: true);
        var command = new Command("runs", "List interpretation runs, newest first (runs show ID: one run).") { source, includeArchived, ShowRun(), RunItems(), CancelRun() };
        paging.AddTo(command);
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Sources.ListRunsAsync(context.UserId, parse.GetValue(source), paging.From(parse),
                parse.GetValue(includeArchived), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.RunList, HumanText.Of);
            return 0;
        }));
        return command;
    }

    /// <summary><c>runs show ID</c>: the <c>get_run</c> operation, e.g. to follow a run queued with --no-wait.</summary>
    private static Command ShowRun()
    {
        var run = new Argument<string>("RUN_ID") { Description = "The run's id (run_...)." };
        var command = new Command("show", "Show one interpretation run: status, interpreter, config, counters and error.") { run };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Sources.GetRunAsync(context.UserId, parse.GetValue(run)!, ct);
            Printer.Print(context.Json, result, StrataJson.Wire.RunView, HumanText.Of);
            return 0;
        }));
        return command;
    }

    /// <summary><c>runs items ID</c>: the <c>list_run_items</c> operation.</summary>
    private static Command RunItems()
    {
        var run = new Argument<string>("RUN_ID") { Description = "The run's id (run_...)." };
        var status = new Option<string?>("--status") { Description = "Only items in this status: pending, claimed, completed or failed." };
        var paging = new PagingOptions(byCursor: true);
        var command = new Command("items", "List an LLM run's items: character range, status, tokens, cost, and the error and raw output of a failure.")
        {
            run, status,
        };
        paging.AddTo(command);
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.Sources.ListRunItemsAsync(context.UserId, parse.GetValue(run)!, parse.GetValue(status), paging.From(parse), ct);
            Printer.Print(context.Json, result, StrataJson.Wire.RunItemList, HumanText.Of);
            return 0;
        }));
        return command;
    }

    /// <summary><c>runs cancel ID</c>: the <c>cancel_run</c> operation.</summary>
    private static Command CancelRun()
    {
        var run = new Argument<string>("RUN_ID") { Description = "The run's id (run_...)." };
        var command = new Command("cancel", "Cancel a pending or running run: its calls stop and its held items go back to pending.") { run };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            var context = await CliContext.OpenAsync(parse, ct);
            var result = await context.Services.RunCancellation.CancelAsync(context.UserId, parse.GetValue(run)!, ct);
            Printer.Print(context.Json, result, StrataJson.Wire.RunView, HumanText.Of);
            return 0;
        }));
        return command;
    }
}
