using Microsoft.Extensions.Logging;

namespace Strata.Server.Mcp;

internal static partial class McpLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Tool {Tool} failed unexpectedly")]
    public static partial void ToolFailed(ILogger logger, Exception exception, string tool);
}
