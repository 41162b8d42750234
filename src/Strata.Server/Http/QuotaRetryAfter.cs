using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Strata.Core;
using Strata.Server.Auth;

namespace Strata.Server.Http;

/// <summary>
/// <c>Retry-After</c> on a 429 <c>INTERPRETATION_QUOTA_EXCEEDED</c>: the moment the billing month turns. It is read from the
/// caller's usage rather than computed here so that it follows the services' clock, the one the quota was counted by.
/// </summary>
internal static class QuotaRetryAfter
{
    public static async Task SetAsync(HttpContext context, StrataServices services, ILogger logger)
    {
        if (context.Features.Get<Caller>() is not { } caller) return;
        try
        {
            var usage = await services.Usage.GetUsageAsync(caller.UserId, context.RequestAborted);
            context.Response.Headers.RetryAfter = usage.ResetsAt.ToString("R", CultureInfo.InvariantCulture);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The refusal itself still has to reach the client; only the hint is lost.
            ServerLog.RetryAfterUnavailable(logger, failure);
        }
    }
}
