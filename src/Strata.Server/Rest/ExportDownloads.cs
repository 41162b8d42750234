using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Exports;
using Strata.Core.Metrics;
using Strata.Server.Auth;

namespace Strata.Server.Rest;

/// <summary>
/// <c>GET /v1/exports/...</c>: exports as streamed downloads, beside the operation catalog because they answer with a
/// file, not JSON. Each is thin over its export service: the service checks the request and names the file before the
/// first byte (a refusal is an ordinary error answer), then writes rows onto the response body as it reads them, so no
/// export is held whole. Another user's document or project answers as a missing one does.
/// </summary>
public static class ExportDownloads
{
    public const string EntitiesPath = "/v1/exports/entities";
    public const string DocumentPath = "/v1/exports/documents/{document_id}";
    public const string ReconstructionPath = "/v1/exports/documents/{document_id}/reconstruction";
    public const string ProjectPath = "/v1/exports/projects/{project}";

    /// <summary>Every download route (all GET), for the isolation matrix.</summary>
    public static readonly IReadOnlyList<string> Paths = [EntitiesPath, DocumentPath, ReconstructionPath, ProjectPath];

    public static IEndpointRouteBuilder MapExportDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet(EntitiesPath, new RequestDelegate(EntitiesAsync));
        app.MapGet(DocumentPath, new RequestDelegate(DocumentAsync));
        app.MapGet(ReconstructionPath, new RequestDelegate(ReconstructionAsync));
        app.MapGet(ProjectPath, new RequestDelegate(ProjectAsync));
        return app;
    }

    private static Task EntitiesAsync(HttpContext context) => SendAsync(context, ExportKinds.Entities, (services, user, ct) => services.EntityExports.ExportAsync(user,
        new EntityExportRequest(Query(context, "format"), Query(context, "entity_type"), Flag(context, "include_merged"), Flag(context, "include_relations")), ct));

    private static Task DocumentAsync(HttpContext context) => SendAsync(context, ExportKinds.Document, (services, user, ct) =>
        services.DocumentExports.ExportDocumentAsync(user, Route(context, "document_id"), Query(context, "format"), ct));

    private static Task ReconstructionAsync(HttpContext context) => SendAsync(context, ExportKinds.Reconstruction, (services, user, ct) =>
        services.Reconstruction.ReconstructAsync(user, Route(context, "document_id"), Query(context, "field"), Query(context, "schema_ref"), ct));

    private static Task ProjectAsync(HttpContext context) => SendAsync(context, ExportKinds.Project, (services, user, ct) =>
        string.Equals(Query(context, "format"), DatasetExportService.FormatName, StringComparison.OrdinalIgnoreCase)
            ? services.DatasetExports.ExportAsync(user, Route(context, "project"), ct)
            : services.DocumentExports.ExportProjectAsync(user, Route(context, "project"), Query(context, "format"), ct));

    private static async Task SendAsync(HttpContext context, string kind, Func<StrataServices, string, CancellationToken, Task<ExportDownload>> export)
    {
        var ct = context.RequestAborted;
        var services = context.RequestServices.GetRequiredService<StrataServices>();
        var download = await export(services, context.Caller().UserId, ct);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = download.MediaType;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(download.FileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        await download.WriteToAsync(context.Response.Body, null, ct);
        services.Metrics.Exports.Inc(kind);
    }

    private static string? Query(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;

    private static string Route(HttpContext context, string name) =>
        Convert.ToString(context.Request.RouteValues[name], CultureInfo.InvariantCulture) ?? "";

    private static bool Flag(HttpContext context, string name) => Query(context, name) switch
    {
        null or "" or "false" or "0" => false,
        "true" or "1" => true,
        var other => throw StrataException.Validation($"{name} must be true or false (got '{other}')."),
    };
}
