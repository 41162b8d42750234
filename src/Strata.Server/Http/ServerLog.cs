using Microsoft.Extensions.Logging;

namespace Strata.Server.Http;

internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unexpected failure handling {Method} {Path}")]
    public static partial void UnexpectedFailure(ILogger logger, Exception exception, string method, string path);

    // The key itself is never logged, not even a prefix: a log is not a place for secrets.
    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Refused a request to {Path} from {Remote}: {Reason}")]
    public static partial void AuthenticationRefused(ILogger logger, string path, string? remote, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Could not read the usage for a Retry-After header")]
    public static partial void RetryAfterUnavailable(ILogger logger, Exception exception);

    // The path only: a query string may carry a secret sent by mistake (?api_key=...).
    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "{Method} {Path} answered {Status} in {ElapsedMilliseconds} ms")]
    public static partial void RequestAnswered(ILogger logger, string method, string path, int status, long elapsedMilliseconds);
}
