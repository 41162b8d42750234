using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Strata.Server.Http;

/// <summary>One Debug line per request — method, path, status, time — in place of ASP.NET Core's request lines, which
/// include the query string. Requests are routine: at Information they would drown what an operator needs to see.</summary>
public sealed class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            await next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            ServerLog.RequestAnswered(logger, context.Request.Method, context.Request.Path.ToString(), context.Response.StatusCode,
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
