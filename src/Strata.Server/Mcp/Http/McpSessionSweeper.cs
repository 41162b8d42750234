using Microsoft.Extensions.Hosting;

namespace Strata.Server.Mcp.Http;

/// <summary>Closes MCP sessions whose client went away without a DELETE, so they do not pile up.</summary>
internal sealed class McpSessionSweeper(McpSessionStore sessions, StrataHostOptions options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await sessions.CloseIdleAsync(clock.GetUtcNow(), options.McpSessionIdleTimeout);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
