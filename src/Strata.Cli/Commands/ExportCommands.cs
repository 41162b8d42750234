using System.CommandLine;

namespace Strata.Cli.Commands;

/// <summary><c>strata export ...</c>: one root command whose subcommands each write one format (the archive,
/// the reference memory server's file, ...). Each lives beside its own service; this only gathers them.</summary>
internal static class ExportCommands
{
    public static Command Root() => new("export", "Export your data: the whole store as an archive, or one view of it in another program's format.")
    {
        ArchiveCommands.Export(),
        MemoryJsonCommands.Export(),
    };
}
