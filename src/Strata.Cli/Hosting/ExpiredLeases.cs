using Microsoft.Extensions.Logging;
using Strata.Core;

namespace Strata.Cli.Hosting;

/// <summary>
/// Every command that opens the store first returns jobs whose lease lapsed to the queue: a CLI killed while it ran
/// its own interpretation leaves no worker behind to do it, and without this its run would stay running until a
/// worker's rescuer came by. One cheap statement when nothing expired.
/// </summary>
internal static partial class ExpiredLeases
{
    public static async Task RescueAsync(StrataServices services, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(ExpiredLeases));
        try
        {
            var rescued = await services.Store.Jobs.RescueExpiredAsync(cancellationToken);
            if (rescued > 0) Rescued(logger, rescued);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The command's own work matters more: a worker's rescuer or the next command will try again.
            RescueFailed(logger, failure.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Returned {Count} job(s) whose lease had expired to the queue")]
    private static partial void Rescued(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not return expired jobs to the queue: {Error}")]
    private static partial void RescueFailed(ILogger logger, string error);
}
