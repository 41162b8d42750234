using System.CommandLine;

namespace Strata.Cli;

/// <summary>Options every command takes (where the data lives, how to print) and the acting user, taken by the commands
/// that act as one. Help lists only what a command uses.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "Data directory (env STRATA_DATA_DIR, default ./strata-data).",
        Recursive = true,
    };

    public static readonly Option<string?> User = new("--user")
    {
        Description = "The local user to act as (env STRATA_USER, default 'local'); created on first use.",
        Recursive = true,
    };

    /// <summary>The same --user written before the verb (<c>strata --user dave entities list</c>), as the README and older
    /// scripts do. Hidden and not recursive, so no command's help lists it twice and <c>serve --help</c> not at all.</summary>
    public static readonly Option<string?> UserBeforeVerb = new("--user")
    {
        Description = User.Description,
        Hidden = true,
    };

    public static readonly Option<string?> Database = new("--database")
    {
        Description = "PostgreSQL instead of the embedded SQLite: postgres://user:password@host:port/db or an Npgsql connection string (env STRATA_DATABASE_URL).",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the result record as JSON (the same record REST and MCP return).",
        Recursive = true,
    };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(DataDir);
        root.Options.Add(Database);
        root.Options.Add(Json);
        root.Options.Add(UserBeforeVerb);
    }

    /// <summary>The command a command line names: its first word that is neither an option nor the value of one of the
    /// options above written before the verb (<c>strata --data-dir D mcp</c>). Null when there is none, or when the line
    /// may say more than its words show (a response file, <c>@args.rsp</c>).</summary>
    public static string? Verb(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith('@')) return null;
            if (arg == DataDir.Name || arg == Database.Name || arg == UserBeforeVerb.Name) { i++; continue; }
            if (arg.StartsWith('-')) continue;
            return arg;
        }
        return null;
    }

    /// <summary>--user, on the commands that act as a local user (<c>serve</c> does not: each request's API key names its user).</summary>
    public static void AddUserTo(Command command) => command.Options.Add(User);
}
