using System.Text.Json;
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

    public static readonly IReadOnlyList<RestRoute> Routes =
    [
        new("GET", SourcesPath, SourceOperations.ListSources, ArgumentSource.Query),
        new("GET", SourcesPath + "/{source_id}", SourceOperations.GetSource, ArgumentSource.Query),
        new("POST", SourcesPath + "/{source_id}/reinterpret", SourceOperations.Reinterpret, ArgumentSource.Body),
        new("GET", SourcesPath + "/{source_id}/content", AgentOperations.GetSourceContent, ArgumentSource.Query),
        new("POST", SourcesPath + "/{source_id}/interpretations", AgentOperations.SubmitInterpretation, ArgumentSource.Body),
        new("POST", "/v1/entities", EntityOperations.IngestStructured, ArgumentSource.Body),
        new("GET", "/v1/entities", EntityOperations.RetrieveEntities, ArgumentSource.Query),
        new("GET", "/v1/entities/{entity_id}", EntityOperations.GetEntitySnapshot, ArgumentSource.Query),
        new("GET", "/v1/entities/{entity_id}/observations", EntityOperations.ListObservations, ArgumentSource.Query),
        new("GET", "/v1/entities/{entity_id}/provenance/{field}", EntityOperations.GetFieldProvenance, ArgumentSource.Query),
        new("POST", "/v1/entities/{entity_id}/corrections", EntityOperations.Correct, ArgumentSource.Body),
        new("POST", "/v1/merges", EntityOperations.MergeEntities, ArgumentSource.Body),
        new("POST", "/v1/entities/{entity_id}/splits", SplitOperations.SplitEntity, ArgumentSource.Body),
        new("POST", "/v1/merges/{merge_id}/unmerge", SplitOperations.Unmerge, ArgumentSource.Body),
        new("POST", "/v1/reresolutions", SplitOperations.Reresolve, ArgumentSource.Body),
        new("GET", "/v1/timeline", EntityOperations.ListTimelineEvents, ArgumentSource.Query),
        new("GET", "/v1/runs", SourceOperations.ListRuns, ArgumentSource.Query),
        new("GET", "/v1/runs/{run_id}", SourceOperations.GetRun, ArgumentSource.Query),
        new("GET", "/v1/runs/{run_id}/items", SourceOperations.ListRunItems, ArgumentSource.Query),
        new("POST", "/v1/runs/{run_id}/cancel", SourceOperations.CancelRun, ArgumentSource.Body),
        new("GET", "/v1/schemas", SchemaOperations.ListSchemas, ArgumentSource.Query),
        new("POST", "/v1/schemas", SchemaOperations.RegisterSchema, ArgumentSource.Body, SchemaBody),
        new("GET", "/v1/schemas/{entity_type}", SchemaOperations.GetSchema, ArgumentSource.Query),
        new("GET", "/v1/usage", UsageOperations.GetUsage, ArgumentSource.Query),
        new("GET", "/v1/models", LlmOperations.ListModels, ArgumentSource.Query),
        new("PUT", "/v1/models/default", LlmOperations.SetDefaultModel, ArgumentSource.Body),
        new("GET", "/v1/keys", LlmOperations.ListProviderKeys, ArgumentSource.Query),
        new("PUT", "/v1/keys/{provider}", LlmOperations.SetProviderKey, ArgumentSource.Body),
        new("DELETE", "/v1/keys/{provider}", LlmOperations.RemoveProviderKey, ArgumentSource.Query),
        new("GET", "/v1/duplicates", DuplicateOperations.ListPotentialDuplicates, ArgumentSource.Query),
        new("POST", "/v1/duplicates/dismissals", DuplicateOperations.DismissDuplicate, ArgumentSource.Body),
        new("POST", "/v1/block-schemas", BlockSchemaOperations.RegisterBlockSchema, ArgumentSource.Body, BlockSchemaBody),
        new("GET", "/v1/block-schemas", BlockSchemaOperations.ListBlockSchemas, ArgumentSource.Query),
        new("GET", "/v1/block-schemas/{schema_ref}", BlockSchemaOperations.GetBlockSchema, ArgumentSource.Query),
        new("DELETE", "/v1/block-schemas/{schema_ref}", BlockSchemaOperations.DeleteBlockSchema, ArgumentSource.Query),
        new("POST", "/v1/block-runs", ReviewOperations.RunBlockSchema, ArgumentSource.Body),
        new("GET", "/v1/block-runs", ReviewOperations.ListBlockRuns, ArgumentSource.Query),
        new("GET", "/v1/block-runs/{run_id}", ReviewOperations.GetBlockRun, ArgumentSource.Query),
        new("POST", "/v1/block-runs/{run_id}/cancel", ReviewOperations.CancelBlockRun, ArgumentSource.Body),
        new("DELETE", "/v1/block-runs/{run_id}", ReviewOperations.DeleteBlockRun, ArgumentSource.Query),
        new("GET", "/v1/block-runs/{run_id}/values", ReviewOperations.ListBlockValues, ArgumentSource.Query),
        new("GET", "/v1/block-runs/{run_id}/values/{block_index}", ReviewOperations.GetBlockValue, ArgumentSource.Query),
        new("POST", "/v1/block-runs/{run_id}/values/{block_index}/confirm", ReviewOperations.ConfirmBlockValue, ArgumentSource.Body),
        new("POST", "/v1/block-runs/{run_id}/values/{block_index}/reject", ReviewOperations.RejectBlockValue, ArgumentSource.Body),
        new("PUT", "/v1/block-runs/{run_id}/values/{block_index}", ReviewOperations.EditBlockValue, ArgumentSource.Body),
        new("POST", "/v1/review/confirmations", ReviewOperations.ConfirmAllStaged, ArgumentSource.Body),
        new("POST", "/v1/review/retries", ReviewOperations.RetryFailedBlocks, ArgumentSource.Body),
        new("POST", "/v1/projects/{project_id}/block-runs", ReviewOperations.ApplyBlockSchema, ArgumentSource.Body),
        new("POST", "/v1/projects/{project_id}/block-runs/pending", ReviewOperations.RunPendingBlocks, ArgumentSource.Body),
        new("GET", "/v1/projects/{project_id}/review", ReviewOperations.GetReviewProgress, ArgumentSource.Query),
        new("POST", ImportsPath, ImportOperations.ImportChat(null), ArgumentSource.Body),
        new("GET", ImportsPath + "/{import_id}", ImportOperations.GetImport, ArgumentSource.Query),
        new("POST", ImportsPath + "/{import_id}/resume", ImportOperations.ResumeImport, ArgumentSource.Body),
        new("GET", "/v1/chat-evidence", ImportOperations.GetChatEvidence, ArgumentSource.Query),
        new("GET", "/v1/memory", ImportOperations.GetMemory, ArgumentSource.Query),
        new("POST", "/v1/recall", RecallOperations.Recall, ArgumentSource.Body),
        new("POST", ProjectsPath, ProjectOperations.CreateProject, ArgumentSource.Body),
        new("GET", ProjectsPath, ProjectOperations.ListProjects, ArgumentSource.Query),
        new("GET", ProjectsPath + "/{project}", ProjectOperations.GetProject, ArgumentSource.Query),
        new("PATCH", ProjectsPath + "/{project}", ProjectOperations.RenameProject, ArgumentSource.Body),
        new("DELETE", ProjectsPath + "/{project}", ProjectOperations.DeleteProject, ArgumentSource.Query),
        new("GET", ProjectsPath + "/{project}/documents", DocumentOperations.ListDocuments, ArgumentSource.Query),
        new("POST", ProjectsPath + "/{project}/documents", DocumentOperations.AddDocument(null), ArgumentSource.Body),
        new("GET", "/v1/documents/{document_id}", DocumentOperations.GetDocument, ArgumentSource.Query),
        new("DELETE", "/v1/documents/{document_id}", DocumentOperations.DeleteDocument, ArgumentSource.Query),
        new("GET", "/v1/documents/{document_id}/blocks", DocumentOperations.ListBlocks, ArgumentSource.Query),
        new("GET", "/v1/blocks/{block_uid}", DocumentOperations.GetBlock, ArgumentSource.Query),
        new("GET", "/v1/deletions", ProjectOperations.ListDeletions, ArgumentSource.Query),
    ];

    public const string ImportsPath = "/v1/imports";

    /// <summary>Endpoints kept for old clients until their sunset: each answers as its successor does, with
    /// <c>Deprecation</c> (when it was retired) and <c>Sunset</c> (when it goes) headers and a link to the successor.</summary>
    public static readonly IReadOnlyList<RetiredRoute> Retired =
    [
        new(new RestRoute("GET", "/v1/chat-imports/{import_id}", ImportOperations.GetImport, ArgumentSource.Query),
            Successor: ImportsPath + "/{import_id}",
            Deprecated: new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            Sunset: new DateTimeOffset(2027, 5, 1, 0, 0, 0, TimeSpan.Zero)),
    ];

    public static IEndpointRouteBuilder MapRestApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(SourcesPath, SourceUpload.HandleAsync);
        app.MapPost(UploadsPath, DocumentUpload.HandleAsync);
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

    /// <summary>A block schema is registered as <c>{"schema": {...}, "new_version": true}</c> like the MCP tool, or as the bare definition.</summary>
    private static IEnumerable<KeyValuePair<string, JsonElement>> BlockSchemaBody(JsonElement body) =>
        body.TryGetProperty("schema", out _) ? body.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value)) : [KeyValuePair.Create("schema", body)];

    /// <summary>A schema is registered as <c>{"schema": {...}}</c> like the MCP tool, or as the bare definition.</summary>
    private static IEnumerable<KeyValuePair<string, JsonElement>> SchemaBody(JsonElement body) =>
        body.TryGetProperty("schema", out _) ? body.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value)) : [KeyValuePair.Create("schema", body)];
}
