using Microsoft.Extensions.Logging;
using Strata.Core;

namespace Strata.Cli.Hosting;

/// <summary>
/// <c>strata mcp</c> runs one write through its code as soon as the database is open, and rolls it back
/// (<see cref="Core.Observations.StructuredWriteService.WarmUpAsync"/>): what ReadyToRun cannot precompile (generic code
/// over other assemblies' types, the SQL mapper's generated readers and writers) is compiled while the client is still
/// setting up, not during its first write.
/// </summary>
internal static partial class WriteWarmUp
{
    /// <param name="memoryServerProfile">The process serves the memory server profile: its <c>create_entities</c> is warmed
    /// (the same structured write underneath, with the profile's records and answers) instead of Strata's own write.</param>
    public static async Task RunAsync(StrataServices services, string userId, bool memoryServerProfile, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(WriteWarmUp));
        try
        {
            if (memoryServerProfile)
            {
                _ = Server.Mcp.MemoryServer.MemoryServerCallWarmUp.Run(await services.MemoryServer.WarmUpAsync(userId, cancellationToken));
                return;
            }
            var result = await services.Structured.WarmUpAsync(userId, cancellationToken);
            _ = Server.Mcp.ToolCallWarmUp.Run(result);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Only a warm-up: the first real write compiles what this did not, and reports any real fault itself.
            Failed(logger, failure.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warming up the write path failed: {Error}")]
    private static partial void Failed(ILogger logger, string error);
}
