using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Exports;
using Strata.Core.Exports.Memory;
using Strata.Core.Exports.Neo4j;
using Strata.Core.Metrics;
using Strata.Server.Auth;
using Strata.Server.Operations;

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
    public const string MemoryPath = "/v1/exports/memory";
    public const string Neo4jPath = "/v1/exports/neo4j";

    private const string Zip = "application/zip";
    private static readonly string[] TableMediaTypes = ["application/jsonl", "text/csv", "application/vnd.apache.parquet", Zip];
    private static readonly ExportQuery TableFormat = new("format", "jsonl (default), csv or parquet.", ["jsonl", "csv", "parquet"]);

    /// <summary>Every download route (all GET), for the OpenAPI document and the isolation matrix.</summary>
    public static readonly IReadOnlyList<ExportRoute> Routes =
    [
        new(EntitiesPath, "export_entities", "Entities with provenance as JSONL, CSV or Parquet (docs/exports.md)",
            [TableFormat, new("entity_type", "Only entities of this type."), new("include_merged", "Also merged entities.", ["true", "false"]),
             new("include_relations", "Also the relations that hold now (a ZIP beside the entities).", ["true", "false"])], TableMediaTypes),
        new(DocumentPath, "export_document", "A document's blocks with their confirmed values, one row per block", [TableFormat], TableMediaTypes),
        new(ReconstructionPath, "export_reconstruction", "A document's revised text",
            [new("field", "The revision field (default revised_content)."), new("schema_ref", "Only revisions from runs of this block schema.")],
            ["text/markdown", "text/plain", "text/html"]),
        new(ProjectPath, "export_project", "A project's documents as a ZIP, or its confirmed values as a partitioned Parquet dataset (a ZIP)",
            [new("format", "jsonl (default), csv, parquet or parquet-dataset.", ["jsonl", "csv", "parquet", DatasetExportService.FormatName])], [Zip]),
        new(MemoryPath, "export_memory", "The memory for people, every value citing its source, as Markdown or JSON",
            [new("format", "markdown (default) or json.", [MemoryExportService.Markdown, MemoryExportService.Json]), new("entity_type", "Only entities of this type."),
             new("since", "Only entities updated at or after this time (ISO 8601)."), new("until", "Only entities updated before this time (ISO 8601).")],
            ["text/markdown", "application/json"]),
        new(Neo4jPath, "export_neo4j", "Entities and the relations holding now as a Cypher script of MERGE statements for Neo4j",
            [new("format", "cypher (default) or admin-csv (a ZIP of neo4j-admin import CSVs).", [CypherExportService.Cypher, CypherExportService.AdminCsv]),
             new("entity_type", "Only entities of this type.")], ["application/x-cypher-query", Zip]),
    ];

    /// <summary>Every download path.</summary>
    public static readonly IReadOnlyList<string> Paths = Routes.Select(r => r.Path).ToList();

    public static IEndpointRouteBuilder MapExportDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet(EntitiesPath, new RequestDelegate(EntitiesAsync));
        app.MapGet(DocumentPath, new RequestDelegate(DocumentAsync));
        app.MapGet(ReconstructionPath, new RequestDelegate(ReconstructionAsync));
        app.MapGet(ProjectPath, new RequestDelegate(ProjectAsync));
        app.MapGet(MemoryPath, new RequestDelegate(MemoryAsync));
        app.MapGet(Neo4jPath, new RequestDelegate(Neo4jAsync));
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

    private static Task MemoryAsync(HttpContext context) => SendAsync(context, ExportKinds.Memory, (services, user, ct) => services.MemoryExports.ExportAsync(user,
        new MemoryExportRequest(Query(context, "format"), Query(context, "entity_type"), TimeArgument.Parse(Query(context, "since")),
            TimeArgument.Parse(Query(context, "until"))), ct));

    private static Task Neo4jAsync(HttpContext context) => SendAsync(context, ExportKinds.Neo4j, (services, user, ct) =>
        services.CypherExports.ExportAsync(user, Query(context, "format"), Query(context, "entity_type"), ct));

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
