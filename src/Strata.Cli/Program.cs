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
    EntityCommands.Provenance(), EntityCommands.Timeline(), GraphCommands.Graph(),
    SourceCommands.Sources(), SourceCommands.Runs(), AgentCommands.SubmitInterpretation(),
    SchemaCommands.Schemas(), BlockSchemaCommands.BlockSchemas(), ReviewCommands.Review(), UserCommands.Users(),
    OperationsCommands.Worker(), OperationsCommands.Migrate(), OperationsCommands.Usage(), DuplicateCommands.Duplicates(),
    LlmCommands.Models(), LlmCommands.Keys(),
    ProjectCommands.Projects(), DocumentCommands.Documents(), DocumentCommands.Blocks(), ProjectCommands.Deletions(),
    OperationsCommands.Health(), OperationsCommands.Metrics(), ServerCommands.Mcp(),
    ImportCommands.Import(), ImportCommands.Memory(), RecallCommand.Create(), RecallStatusCommand.Create(), ExportCommands.Export(),
    WebhookCommands.Webhooks(),
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
// Ctrl+C / SIGTERM cancel the command's token and the command ends itself: an import ends failed ("INTERRUPTED"), a
// worker drains its jobs in flight (Worker:DrainTimeout, 30 s by default). System.CommandLine's own handling is off
// because it answers the signal at once and lets the process end while the command is still winding down (an import
// was left processing); here the process waits for the command, and is ended only if it has not finished in 60 s.
using var stopping = new CancellationTokenSource();
var signal = 0;
Action<System.Runtime.InteropServices.PosixSignalContext> onSignal = context =>
{
    context.Cancel = true;
    signal = context.Signal == System.Runtime.InteropServices.PosixSignal.SIGINT ? 130 : 143;
    stopping.Cancel();
    _ = Task.Delay(TimeSpan.FromSeconds(60), CancellationToken.None).ContinueWith(_ => Environment.Exit(signal), TaskScheduler.Default);
};
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, onSignal);
using var onInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, onSignal);
try
{
    var exit = await parse.InvokeAsync(new InvocationConfiguration
    {
        ProcessTerminationTimeout = null,
        EnableDefaultExceptionHandler = false,
    }, stopping.Token);
    PeakMemoryReport.WriteIfAsked();
    return exit;
}
catch (Exception failure) when (failure is not OperationCanceledException)
{
    // Last resort for what escapes a command's own handler: one line with a code, never a stack trace.
    var (code, message) = Failures.Describe(failure);
    return Printer.Error(json, code, message);
}
catch (OperationCanceledException)
{
    // Ctrl+C or SIGTERM cancelled the command; what it was doing ended as it says (an import ends failed, "INTERRUPTED").
    // One line for the person who stopped it, not a stack trace; 130 is the shell's code for a command ended that way.
    Console.Error.WriteLine("strata: stopped by a signal before the command finished.");
    return signal == 0 ? 130 : signal;
}
finally
{
    await CliContext.CloseOpenedAsync();
}
