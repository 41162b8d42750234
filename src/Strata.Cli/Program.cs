using System.CommandLine;
using Strata.Cli;
using Strata.Cli.Commands;
using Strata.Cli.Hosting;
using Strata.Cli.Output;

var root = new RootCommand("Strata: sources-first memory and document extraction for AI agents.");
GlobalOptions.AddTo(root);
foreach (var command in new[]
{
    IngestCommands.Ingest(), IngestCommands.Store(), IngestCommands.Reinterpret(),
    EntityCommands.Correct(), EntityCommands.Merge(), EntityCommands.Entities(), EntityCommands.Observations(),
    EntityCommands.Provenance(), EntityCommands.Timeline(),
    SourceCommands.Sources(), SourceCommands.Runs(), AgentCommands.SubmitInterpretation(),
    SchemaCommands.Schemas(), BlockSchemaCommands.BlockSchemas(), ReviewCommands.Review(), UserCommands.Users(),
    OperationsCommands.Worker(), OperationsCommands.Migrate(), OperationsCommands.Usage(), DuplicateCommands.Duplicates(),
    LlmCommands.Models(), LlmCommands.Keys(),
    ProjectCommands.Projects(), DocumentCommands.Documents(), DocumentCommands.Blocks(), ProjectCommands.Deletions(),
    OperationsCommands.Health(), OperationsCommands.Metrics(), ServerCommands.Mcp(),
    ImportCommands.Import(), ImportCommands.Memory(), RecallCommand.Create(),
})
{
    GlobalOptions.AddUserTo(command);
    root.Subcommands.Add(command);
}
root.Subcommands.Add(ServerCommands.Serve());
var parse = root.Parse(args);
var json = args.Contains("--json", StringComparer.Ordinal);
if (json && parse.Errors.Count > 0)
{
    // With --json even a mistyped command line answers with an error record, so a program can read it.
    return Printer.Error(json: true, Strata.Core.Errors.ErrorCodes.InvalidArguments, string.Join(" ", parse.Errors.Select(e => e.Message)));
}
try
{
    // Ctrl+C / SIGTERM cancel the command's token; a worker then drains its jobs in flight (Worker:DrainTimeout,
    // 30 s by default), so the process is given longer than System.CommandLine's default 2 s before it is ended.
    var exit = await parse.InvokeAsync(new InvocationConfiguration
    {
        ProcessTerminationTimeout = TimeSpan.FromSeconds(60),
        EnableDefaultExceptionHandler = false,
    });
    PeakMemoryReport.WriteIfAsked();
    return exit;
}
catch (Exception failure) when (failure is not OperationCanceledException)
{
    // Last resort for what escapes a command's own handler: one line with a code, never a stack trace.
    var (code, message) = Failures.Describe(failure);
    return Printer.Error(json, code, message);
}
finally
{
    await CliContext.CloseOpenedAsync();
}
