using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Strata.Core;
using Strata.Core.Configuration;
using Strata.Cli.Hosting;
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

    /// <summary>The user a command acts as when none is named; made on first use.</summary>
    public const string LocalUser = "local";

    public static string UserName(ParseResult parse) =>
        parse.GetValue(GlobalOptions.User) ?? parse.GetValue(GlobalOptions.UserBeforeVerb) ?? NonEmpty(Environment.GetEnvironmentVariable("STRATA_USER")) ?? LocalUser;

    /// <summary>Log lines at <paramref name="logLevel"/> and above, to standard error: standard output carries only
    /// results, so <c>--json</c> stays parseable. Dispose it to flush what is still queued.</summary>
    /// <param name="json">Log lines as JSON objects (with <c>--json</c>), so every line a program reads parses.</param>
    public static ILoggerFactory Loggers(LogLevel logLevel, bool json = false) => LoggerFactory.Create(logging =>
    {
        logging.SetMinimumLevel(logLevel).AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        if (json) logging.AddJsonConsole();
        else logging.AddSimpleConsole(console => console.SingleLine = true);
    });

    public static StrataBackends.Choice Backends(ParseResult parse) =>
        StrataBackends.Choose(DataDirectory(parse), parse.GetValue(GlobalOptions.Database) ?? NonEmpty(Environment.GetEnvironmentVariable("STRATA_DATABASE_URL")));

    /// <summary>The services over the chosen backends (the data directory's SQLite and files by default).</summary>
    /// <param name="loggers">Where the services log; warnings and errors to standard error when null.</param>
    /// <param name="overrides">Settings from flags, which win over strata.json and the environment (e.g. <c>Worker:Concurrency</c>).</param>
    public static async Task<StrataServices> OpenServicesAsync(ParseResult parse, CancellationToken cancellationToken,
        ILoggerFactory? loggers = null, IDictionary<string, string?>? overrides = null)
    {
        loggers ??= Loggers(LogLevel.Warning);
        try
        {
            var directory = DataDirectory(parse);
            var configuration = new ConfigurationBuilder()
                .AddConfiguration(EmbeddedStrata.LoadConfiguration(directory))
                .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
                .Build();
            var services = await StrataBackends.OpenAsync(Backends(parse), configuration, [new RulesInterpreter()], loggers, MaxUploadBytes(), cancellationToken);
            Opened.Push(services.Store);
            await ExpiredLeases.RescueAsync(services, loggers, cancellationToken);
            return services;
        }
        catch (Exception failure) when (failure is StrataConfigurationException or InvalidDataException or FormatException or ArgumentException)
        {
            // A bad strata.json or STRATA_ variable: name the setting rather than fail with a stack trace.
            throw Core.Errors.StrataException.Validation($"Configuration: {failure.Message}");
        }
        catch (System.Data.Common.DbException failure)
        {
            // Unreachable host, refused credentials, unreadable file: the driver's own sentence says which; its stack does not help.
            throw new Core.Errors.StrataException(Core.Errors.ErrorCodes.DatabaseUnavailable, $"Cannot open the database: {DatabaseFailure.Describe(failure)}");
        }
    }

    /// <summary>The stores this process opened, closed by <see cref="CloseOpenedAsync"/> when the command is done.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentStack<Core.Storage.IStrataStore> Opened = new();

    /// <summary>Closes every store the command opened: SQLite then checkpoints and removes its WAL, so the data
    /// directory at rest holds the database and nothing beside it.</summary>
    public static async Task CloseOpenedAsync()
    {
        while (Opened.TryPop(out var store))
        {
            await Hosting.StrataBackends.CloseAsync(store);
        }
    }

    public static async Task<CliContext> OpenAsync(ParseResult parse, CancellationToken cancellationToken, ILoggerFactory? loggers = null)
    {
        var services = await OpenServicesAsync(parse, cancellationToken, loggers);
        var user = await services.Users.EnsureAsync(UserName(parse), cancellationToken);
        return new CliContext(services, user, parse.GetValue(GlobalOptions.Json));
    }

    private static long? MaxUploadBytes() =>
        long.TryParse(Environment.GetEnvironmentVariable("STRATA_MAX_UPLOAD_BYTES"), out var bytes) && bytes > 0 ? bytes : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
