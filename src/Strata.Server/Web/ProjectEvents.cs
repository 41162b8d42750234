using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Strata.Core;
using Strata.Core.Operations;
using Strata.Server.Operations;
using Strata.Server.Web.Views;

namespace Strata.Server.Web;

/// <summary>
/// <c>GET /page-api/projects/{project}/events</c>: the project page's live status as server-sent events. Once a second it
/// reads the same three operations the page renders (get_review_progress, list_documents, and list_block_runs once for the
/// documents listed, <see cref="ProjectRuns"/>) and sends
/// each one whose answer changed, as that operation's JSON. The stream ends when the browser goes away or the session
/// does (signed out, expired, or its key revoked): each tick re-checks it.
/// </summary>
internal static class ProjectEvents
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private static readonly (string Event, string Operation, string Argument)[] Streams =
    [
        ("progress", "get_review_progress", "project_id"),
        ("documents", "list_documents", "project"),
        ("runs", "list_block_runs", "project_id"),
    ];

    private static string Json(OperationResult result) => JsonSerializer.Serialize(result.Value, result.TypeInfo);

    private static string Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) => JsonSerializer.Serialize(value, info);

    public static async Task StreamAsync(PageRequest page)
    {
        var context = page.Http;
        var ct = context.RequestAborted;
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var services = context.RequestServices.GetRequiredService<StrataServices>();
        var project = await page.GetAsync<Core.Operations.ProjectView>("get_project", ("project", page.Route("project")));
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                DocumentList? shown = null;
                foreach (var (name, operation, argument) in Streams)
                {
                    // The documents of the page that opened the stream (its cursor), as many as it shows; the runs of those.
                    var json = operation switch
                    {
                        "list_documents" => Json(shown = await page.GetAsync<DocumentList>(operation, (argument, project.ProjectId),
                            ("limit", ProjectPage.PageSize), ("cursor", page.Query("cursor"))), StrataJson.Wire.DocumentList),
                        "list_block_runs" => Json(await ProjectRuns.OfAsync(page, shown?.Documents ?? []), StrataJson.Wire.BlockRunList),
                        _ => Json(await page.CallAsync(operation, (argument, project.ProjectId))),
                    };
                    if (last.TryGetValue(name, out var previous) && previous == json) continue;
                    last[name] = json;
                    await context.Response.WriteAsync($"event: {name}\ndata: {json}\n\n", ct);
                }
                await context.Response.Body.FlushAsync(ct);
                await Task.Delay(Interval, clock, ct);
                if (await services.Users.FindSessionAsync(SessionCookie.Read(context), ct) is null) break;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page was closed or left: nothing to answer.
        }
    }
}
