using System.CommandLine;
using Strata.Cli;
using Strata.Cli.Commands;

var root = new RootCommand("Strata: sources-first memory and document extraction for AI agents.");
GlobalOptions.AddTo(root);
foreach (var command in new[]
{
    IngestCommands.Ingest(), IngestCommands.Store(), IngestCommands.Reinterpret(),
    EntityCommands.Correct(), EntityCommands.Merge(), EntityCommands.Entities(), EntityCommands.Observations(),
    EntityCommands.Provenance(), EntityCommands.Timeline(),
    SourceCommands.Sources(), SourceCommands.Runs(),
    SchemaCommands.Schemas(), UserCommands.Users(),
    OperationsCommands.Worker(), OperationsCommands.Migrate(), OperationsCommands.Usage(), DuplicateCommands.Duplicates(),
    OperationsCommands.Health(), OperationsCommands.Metrics(), ServerCommands.Mcp(),
})
{
    GlobalOptions.AddUserTo(command);
    root.Subcommands.Add(command);
}
root.Subcommands.Add(ServerCommands.Serve());
// Ctrl+C / SIGTERM cancel the command's token; a worker then drains its jobs in flight (Worker:DrainTimeout,
// 30 s by default), so the process is given longer than System.CommandLine's default 2 s before it is ended.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
