using System.CommandLine;
using Strata.Core;
using Strata.Core.Users;
using Strata.Formats;
using Strata.Sqlite;

namespace Strata.Cli;

/// <summary>What one command invocation works with: the services over the data directory and the acting user.</summary>
internal sealed class CliContext
{
    private CliContext(StrataServices services, User user, bool json)
    {
        Services = services;
        User = user;
        Json = json;
    }

    public StrataServices Services { get; }

    public User User { get; }

    public string UserId => User.Id;

    public bool Json { get; }

    public static string DataDirectory(ParseResult parse) =>
        parse.GetValue(GlobalOptions.DataDir)
        ?? NonEmpty(Environment.GetEnvironmentVariable("STRATA_DATA_DIR"))
        ?? EmbeddedStrata.DefaultDataDirectory;

    public static string UserName(ParseResult parse) =>
        parse.GetValue(GlobalOptions.User) ?? NonEmpty(Environment.GetEnvironmentVariable("STRATA_USER")) ?? "local";

    public static StrataServices OpenServices(ParseResult parse) =>
        EmbeddedStrata.Open(DataDirectory(parse), [new RulesInterpreter()], TimeProvider.System, MaxUploadBytes());

    public static async Task<CliContext> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var services = OpenServices(parse);
        var user = await services.Users.EnsureAsync(UserName(parse), cancellationToken);
        return new CliContext(services, user, parse.GetValue(GlobalOptions.Json));
    }

    private static long? MaxUploadBytes() =>
        long.TryParse(Environment.GetEnvironmentVariable("STRATA_MAX_UPLOAD_BYTES"), out var bytes) && bytes > 0 ? bytes : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
