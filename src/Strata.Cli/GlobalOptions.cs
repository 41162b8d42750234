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

    /// <summary>--user, on the commands that act as a local user (<c>serve</c> does not: each request's API key names its user).</summary>
    public static void AddUserTo(Command command) => command.Options.Add(User);
}
