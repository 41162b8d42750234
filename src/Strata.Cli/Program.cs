using System.CommandLine;
using Strata.Cli;
using Strata.Cli.Commands;
using Strata.Cli.Hosting;
using Strata.Cli.Output;

var root = new RootCommand("Strata: sources-first memory and document extraction for AI agents.");
GlobalOptions.AddTo(root);
// Every top-level command by name. Only the one the command line names is built (a process started for `mcp` does not
// construct the options of the thirty-six others: 170 -> 115 ms for `strata mcp --help`, docs/benchmarks.md "Issue 32 (stop 60)");
// with no known verb (help, a typo) all are, so help and errors list them. Tests: CommandLineTests.
var commands = new (string Name, Func<Command> Create)[]
{
    ("ingest", IngestCommands.Ingest), ("store", IngestCommands.Store), ("reinterpret", IngestCommands.Reinterpret),
    ("correct", EntityCommands.Correct), ("merge", EntityCommands.Merge), ("entities", EntityCommands.Entities),
    ("observations", EntityCommands.Observations), ("provenance", EntityCommands.Provenance),
    ("timeline", EntityCommands.Timeline), ("graph", GraphCommands.Graph),
    ("sources", SourceCommands.Sources), ("runs", SourceCommands.Runs), ("submit-interpretation", AgentCommands.SubmitInterpretation),
    ("schemas", SchemaCommands.Schemas), ("block-schemas", BlockSchemaCommands.BlockSchemas), ("review", ReviewCommands.Review),
    ("users", UserCommands.Users), ("worker", OperationsCommands.Worker), ("migrate", OperationsCommands.Migrate),
    ("usage", OperationsCommands.Usage), ("duplicates", DuplicateCommands.Duplicates),
    ("models", LlmCommands.Models), ("keys", LlmCommands.Keys),
    ("projects", ProjectCommands.Projects), ("documents", DocumentCommands.Documents), ("blocks", DocumentCommands.Blocks),
    ("deletions", ProjectCommands.Deletions), ("health", OperationsCommands.Health), ("metrics", OperationsCommands.Metrics),
    ("mcp", ServerCommands.Mcp), ("import", ImportCommands.Import), ("memory", ImportCommands.Memory),
    ("recall", RecallCommand.Create), ("recall-status", RecallStatusCommand.Create), ("export", ExportCommands.Export),
    ("webhooks", WebhookCommands.Webhooks), ("serve", ServerCommands.Serve),
};
var verb = GlobalOptions.Verb(args) is { } named && commands.Any(c => c.Name == named) ? named : null;
foreach (var (name, create) in commands)
{
    if (verb is not null && name != verb) continue;
    var command = create();
    if (command.Name != name) throw new InvalidOperationException($"The command table names \"{name}\" but builds \"{command.Name}\".");
    if (name != "serve") GlobalOptions.AddUserTo(command); // serve's user comes from each request's API key
    root.Subcommands.Add(command);
}
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
