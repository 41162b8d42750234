using Microsoft.Extensions.Logging;

namespace Strata.Cli.Hosting;

/// <summary>
/// Log lines on standard error, one per entry (<c>warn: Category[id] message</c>), for <c>strata mcp</c>. The
/// console logger is built through dependency injection and options binding, which took about a fifth of the
/// process's start before it could answer <c>initialize</c>; a desktop client starts this process often.
/// </summary>
internal sealed class StandardErrorLogs : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public static ILoggerFactory Factory(LogLevel minimum) =>
        new LoggerFactory([new StandardErrorLogs()], new LoggerFilterOptions { MinLevel = minimum });

    public ILogger CreateLogger(string categoryName) => new Writer(categoryName);

    public void Dispose()
    {
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class Writer(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var line = $"{Label(logLevel)}: {category}[{eventId.Id}] {formatter(state, exception)}";
            if (exception is not null) line += Environment.NewLine + exception;
            lock (Gate)
            {
                Console.Error.WriteLine(line);
            }
        }
    }
}
