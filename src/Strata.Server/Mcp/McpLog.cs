using Microsoft.Extensions.Logging;

namespace Strata.Server.Mcp;

internal static partial class McpLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Tool {Tool} failed unexpectedly")]
    public static partial void ToolFailed(ILogger logger, Exception exception, string tool);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "MCP session {SessionId} opened for user {UserId}")]
    public static partial void SessionOpened(ILogger logger, string sessionId, string userId);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "MCP session {SessionId} closed: {Reason}")]
    public static partial void SessionClosed(ILogger logger, string sessionId, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Refused a request on MCP session {SessionId}: the API key belongs to another user")]
    public static partial void SessionUserMismatch(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "MCP session {SessionId} ended with an error")]
    public static partial void SessionFailed(ILogger logger, Exception exception, string sessionId);
}
