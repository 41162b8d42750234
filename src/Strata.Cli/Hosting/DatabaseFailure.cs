namespace Strata.Cli.Hosting;

/// <summary>One readable sentence for a database that cannot be opened: the driver's message and its innermost cause
/// ("Failed to connect to 127.0.0.1:5432: Connection refused"), never a stack.</summary>
internal static class DatabaseFailure
{
    public static string Describe(Exception failure)
    {
        var innermost = failure;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        var message = failure.Message.TrimEnd('.');
        return ReferenceEquals(innermost, failure) || message.Contains(innermost.Message, StringComparison.Ordinal)
            ? message + "."
            : $"{message}: {innermost.Message.TrimEnd('.')}.";
    }
}
