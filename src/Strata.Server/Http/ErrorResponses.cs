using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Strata.Core.Errors;
using Strata.Core.Sources;
using Strata.Core;

namespace Strata.Server.Http;

/// <summary>
/// Turns a rejected operation into its problem response, and gives the framework's bodiless refusals (no such path, wrong
/// method) the same problem body. Kestrel's own body-size refusal becomes <c>FILE_TOO_LARGE</c>; a spent interpretation
/// quota says when to retry, and so does a busy database (503 <c>STORE_BUSY</c>); anything unexpected is logged and
/// answered with <c>INTERNAL_ERROR</c> without details.
/// </summary>
public sealed class ErrorResponses(RequestDelegate next, ILogger<ErrorResponses> logger, StrataServices services)
{
    private const string StoreBusyRetryAfterSeconds = "2";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            await BodilessRefusals.DescribeAsync(context);
        }
        catch (StrataException failure) when (!context.Response.HasStarted)
        {
            if (failure.Code == ErrorCodes.InterpretationQuotaExceeded)
            {
                await QuotaRetryAfter.SetAsync(context, services, logger);
            }
            else if (failure.Code == ErrorCodes.StoreBusy)
            {
                // Another writer holds the database; slices of long writes are short, so a retry soon gets in.
                context.Response.Headers.RetryAfter = StoreBusyRetryAfterSeconds;
            }
            else if (failure.Code == ErrorCodes.BlobStoreUnavailable)
            {
                // The blob store's outage has no known end; the first upload retry's delay is as good a hint as any.
                context.Response.Headers.RetryAfter = ((int)services.Options.Worker.UploadRetryDelays[0].TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            await Problems.WriteAsync(context, failure.Code, failure.Message);
        }
        catch (BadHttpRequestException failure) when (!context.Response.HasStarted)
        {
            if (failure.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await Problems.WriteAsync(context, ErrorCodes.FileTooLarge,
                    $"The request body is larger than the limit of {Spool.FormatBytes(services.Options.MaxUploadBytes)} per file.");
            }
            else
            {
                await Problems.WriteAsync(context, ErrorCodes.ValidationFailed, failure.Message);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception failure) when (!context.Response.HasStarted && StoreBusy.Is(failure))
        {
            // PostgreSQL gave up waiting for another writer's lock: said as SQLite's busy database is.
            context.Response.Headers.RetryAfter = StoreBusyRetryAfterSeconds;
            await Problems.WriteAsync(context, ErrorCodes.StoreBusy, StoreBusy.Error(failure).Message);
        }
        catch (Exception failure) when (!context.Response.HasStarted && StorageFull.Is(failure))
        {
            ServerLog.UnexpectedFailure(logger, failure, context.Request.Method, context.Request.Path);
            await Problems.WriteAsync(context, ErrorCodes.StorageFull, StorageFull.Error(failure).Message);
        }
        catch (Exception failure) when (!context.Response.HasStarted)
        {
            ServerLog.UnexpectedFailure(logger, failure, context.Request.Method, context.Request.Path);
            await Problems.WriteAsync(context, ErrorCodes.InternalError, "The server failed unexpectedly; the failure was logged.");
        }
    }
}
