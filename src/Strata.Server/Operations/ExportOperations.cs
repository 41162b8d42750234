using Strata.Core.Exports.Agents;
using Strata.Core.Operations;

namespace Strata.Server.Operations;

/// <summary>
/// Exports for agents (docs/exports.md): small text exports inline, the rest as a resource link read with
/// <c>resources/read</c>. REST has the streamed downloads under /v1/exports instead, so this is an MCP tool only.
/// </summary>
public static class ExportOperations
{
    public static readonly StrataOperation Export = new("export", "Export data",
        "Export your data as a file: entities (jsonl, csv, parquet), a document's blocks with confirmed values (document_id; jsonl, csv, parquet), "
        + "a project (project; a ZIP, or parquet-dataset), the memory for people (markdown, json) or a Neo4j Cypher script (neo4j). "
        + $"A text export of at most {AgentExportService.InlineLimitBytes / 1024} KB comes back inline in content; a larger or binary one as "
        + "resource_uri (a resource link): read it with resources/read. download_path is the same export as a streamed REST download.",
        OperationTraits.Read,
        [
            new("kind", ParameterType.String, "entities, document, project, memory or neo4j.", Required: true),
            new("format", ParameterType.String, "The format: jsonl, csv or parquet (entities, document, project; project also parquet-dataset); "
                + "markdown or json (memory); cypher (neo4j). Each kind's first is the default."),
            new("entity_type", ParameterType.String, "entities, memory, neo4j: only entities of this type."),
            new("document_id", ParameterType.String, "document: the document (doc_...)."),
            new("project", ParameterType.String, "project: the project's id or name."),
        ],
        () => StrataJson.Wire.AgentExport,
        async (call, ct) =>
        {
            var kind = call.Arguments.RequiredString("kind");
            var target = kind.Trim().Equals("project", StringComparison.OrdinalIgnoreCase) ? call.Arguments.String("project") : call.Arguments.String("document_id");
            var export = await call.Services.AgentExports.ExportAsync(call.UserId,
                new AgentExportRequest(kind, call.Arguments.String("format"), call.Arguments.String("entity_type"), target), ct);
            return OperationResult.Of(export, StrataJson.Wire.AgentExport) with
            {
                Link = export.ResourceUri is { } uri ? new ResourceLinkOut(uri, export.FileName, export.MediaType) : null,
            };
        });
}
