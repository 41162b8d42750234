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
    ServerCommands.Serve(), ServerCommands.Mcp(),
})
{
    root.Subcommands.Add(command);
}
return await root.Parse(args).InvokeAsync();
