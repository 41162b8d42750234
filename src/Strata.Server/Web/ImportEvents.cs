using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Strata.Core;
using Strata.Core.Imports;

namespace Strata.Server.Web;

/// <summary>
/// <c>GET /page-api/imports/{import_id}/events</c>: an import's progress as server-sent events. Once a second it reads
/// get_import, the operation REST's <c>GET /v1/imports/{import_id}</c> answers with, and sends its JSON as
/// <c>event: import</c> when it changed. It ends once the import is complete or failed (sent first), when the browser goes
/// away, or when the session does (each tick re-checks it).
/// </summary>
internal static class ImportEvents
{
    public static async Task StreamAsync(PageRequest page)
    {
        var context = page.Http;
        var ct = context.RequestAborted;
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var services = context.RequestServices.GetRequiredService<StrataServices>();
        // Before the first byte: another user's id answers as a missing one (404 with its code), as REST does.
        var first = await page.CallAsync("get_import", ("import_id", page.Route("import_id")));
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        string? last = null;
        try
        {
            for (var result = first; ; result = await page.CallAsync("get_import", ("import_id", page.Route("import_id"))))
            {
                var json = JsonSerializer.Serialize(result.Value, result.TypeInfo);
                if (json != last)
                {
                    last = json;
                    await context.Response.WriteAsync($"event: import\ndata: {json}\n\n", ct);
                    await context.Response.Body.FlushAsync(ct);
                }
                if (((ChatImportView)result.Value).Status is ChatImportStatuses.Complete or ChatImportStatuses.Failed) break;
                await Task.Delay(ProjectEvents.Interval, clock, ct);
                if (await services.Users.FindSessionAsync(SessionCookie.Read(context), ct) is null) break;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page was closed or left: nothing to answer.
        }
    }
}
