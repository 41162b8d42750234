using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Strata.Server.Operations;

namespace Strata.Server.Rest;

/// <summary>The REST API under /v1: one route per operation, with the same argument names as the MCP tools.</summary>
public static class RestApi
{
    public const string SourcesPath = "/v1/sources";

    public const string ProjectsPath = "/v1/projects";

    /// <summary>Many files at once, as a multipart form (<see cref="DocumentUpload"/>).</summary>
    public const string UploadsPath = ProjectsPath + "/{project}/uploads";

    /// <summary>Every operation's declared route (<see cref="StrataOperation.Route"/>), from the one catalog.</summary>
    public static readonly IReadOnlyList<RestRoute> Routes =
        OperationCatalog.Routes().Select(operation => new RestRoute(operation.Route!, operation)).ToList();

    public const string ImportsPath = "/v1/imports";

    /// <summary>Endpoints kept for old clients until their sunset: each answers as its successor does, with
    /// <c>Deprecation</c> (when it was retired) and <c>Sunset</c> (when it goes) headers and a link to the successor.</summary>
    public static readonly IReadOnlyList<RetiredRoute> Retired =
    [
        new(new RestRoute(HttpRoute.Get("/v1/chat-imports/{import_id}"), ImportOperations.GetImport),
            Successor: ImportsPath + "/{import_id}",
            Deprecated: new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            Sunset: new DateTimeOffset(2027, 5, 1, 0, 0, 0, TimeSpan.Zero)),
    ];

    public static IEndpointRouteBuilder MapRestApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(SourcesPath, SourceUpload.HandleAsync);
        app.MapPost(UploadsPath, DocumentUpload.HandleAsync);
        app.MapGet(ArchiveEndpoints.Path, ArchiveEndpoints.DownloadAsync);
        app.MapPost(ArchiveEndpoints.Path, ArchiveEndpoints.UploadAsync);
        app.MapExportDownloads();
        foreach (var route in Routes)
        {
            app.MapMethods(route.Pattern, [route.Method], OperationEndpoint.For(route));
        }
        foreach (var retired in Retired)
        {
            app.MapMethods(retired.Route.Pattern, [retired.Route.Method], retired.Wrap(OperationEndpoint.For(retired.Route)));
        }
        return app;
    }
}
