using System.Text.Json;
using ModelContextProtocol.Client;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Parity;

/// <summary>The MCP tools through the C# SDK client.</summary>
/// <param name="scanDuplicates">The server's periodic duplicate scan, run now.</param>
public sealed class McpDriver(McpClient client, Func<Task> scanDuplicates) : ParityDriver
{
    public override string Name => "MCP";

    public override Task<JsonElement> RegisterSchemaAsync(string schemaJson) => CallAsync("register_schema", $$"""{"schema":{{schemaJson}}}""");

    public override Task<JsonElement> IngestAsync(string fileName, string content, string entityType) =>
        CallAsync("ingest", $$"""{"content_base64":"{{Samples.Base64(content)}}","filename":"{{fileName}}","entity_type":"{{entityType}}"}""");

    public override Task<JsonElement> StoreAsync(string entitiesJson) => CallAsync("ingest_structured", $$"""{"entities":{{entitiesJson}}}""");

    public override Task<JsonElement> RetrieveAsync(string entityType) => CallAsync("retrieve_entities", $$"""{"entity_type":"{{entityType}}"}""");

    public override Task<JsonElement> SearchWithProvenanceAsync(string text) =>
        CallAsync("retrieve_entities", $$"""{"query":"{{text}}","include_provenance":true}""");

    public override Task<JsonElement> SnapshotAsync(string entityId) => CallAsync("get_entity_snapshot", $$"""{"entity_id":"{{entityId}}"}""");

    public override Task<JsonElement> CorrectAsync(string entityId, string field, string value, string reason) =>
        CallAsync("correct", JsonSerializer.Serialize(new Dictionary<string, string> { ["entity_id"] = entityId, ["field"] = field, ["value"] = value, ["reason"] = reason }));

    public override Task<JsonElement> ClearAsync(string entityId, string field, string reason) =>
        CallAsync("correct", $$"""{"entity_id":"{{entityId}}","field":"{{field}}","value":null,"reason":"{{reason}}"}""");

    public override Task<JsonElement> GetRunAsync(string runId) => CallAsync("get_run", $$"""{"run_id":"{{runId}}"}""");

    public override Task<JsonElement> ObservationsAsync(string entityId) => CallAsync("list_observations", $$"""{"entity_id":"{{entityId}}"}""");

    public override Task<JsonElement> ProvenanceAsync(string entityId, string field) =>
        CallAsync("get_field_provenance", $$"""{"entity_id":"{{entityId}}","field":"{{field}}"}""");

    public override Task<JsonElement> MergeAsync(string fromEntityId, string toEntityId, string reason) =>
        CallAsync("merge_entities", $$"""{"from_entity_id":"{{fromEntityId}}","to_entity_id":"{{toEntityId}}","reason":"{{reason}}"}""");

    public override Task<JsonElement> UnmergeAsync(string mergeId, string reason) =>
        CallAsync("unmerge", $$"""{"merge_id":"{{mergeId}}","reason":"{{reason}}"}""");

    public override Task<JsonElement> SplitAsync(string entityId, string observationId, string reason) =>
        CallAsync("split_entity", $$"""{"entity_id":"{{entityId}}","observation_ids":["{{observationId}}"],"reason":"{{reason}}"}""");

    public override Task<JsonElement> ReresolveDryRunAsync() => CallAsync("reresolve", """{"dry_run":true}""");

    public override Task<JsonElement> TimelineAsync() => CallAsync("list_timeline_events", "{}");

    public override Task<JsonElement> StoreWithRelationsAsync(string payloadJson) => CallAsync("ingest_structured", payloadJson);

    public override Task<JsonElement> RelationsAsync(string entityId, string asOf) =>
        CallAsync("list_relations", $$"""{"entity_id":"{{entityId}}","as_of":"{{asOf}}"}""");

    public override Task<JsonElement> NeighbourhoodAsync(string entityId, int depth, string asOf) =>
        CallAsync("get_neighbourhood", $$"""{"entity_id":"{{entityId}}","depth":{{depth}},"as_of":"{{asOf}}"}""");

    public override Task<JsonElement> PathAsync(string fromEntityId, string toEntityId, string asOf) =>
        CallAsync("find_path", $$"""{"from_entity_id":"{{fromEntityId}}","to_entity_id":"{{toEntityId}}","as_of":"{{asOf}}"}""");

    public override Task<JsonElement> SourcesAsync() => CallAsync("list_sources", "{}");

    public override Task<JsonElement> RunsAsync() => CallAsync("list_runs", "{}");

    public override Task<JsonElement> SchemasAsync() => CallAsync("list_schemas", "{}");

    public override Task<JsonElement> ReinterpretAsync(string sourceId) => CallAsync("reinterpret", $$"""{"source_id":"{{sourceId}}"}""");

    public override Task<JsonElement> UsageAsync() => CallAsync("get_usage", "{}");

    public override Task<JsonElement> DuplicatesAsync(bool includeDismissed) =>
        CallAsync("list_potential_duplicates", $$"""{"include_dismissed":{{(includeDismissed ? "true" : "false")}}}""");

    public override Task<JsonElement> DismissDuplicateAsync(string entityA, string entityB) =>
        CallAsync("dismiss_duplicate", $$"""{"entity_a":"{{entityA}}","entity_b":"{{entityB}}"}""");

    public override Task ScanDuplicatesAsync() => scanDuplicates();

    public override async Task<JsonElement> RefusedSnapshotAsync(string entityId)
    {
        var result = await client.CallAsync("get_entity_snapshot", $$"""{"entity_id":"{{entityId}}"}""");
        Assert.True(result.IsError);
        return result.StructuredContent!.Value;
    }

    public override Task<JsonElement> CreateProjectAsync(string name) => CallAsync("create_project", $$"""{"name":"{{name}}"}""");

    public override Task<JsonElement> AddDocumentAsync(string project, string fileName, string content) =>
        CallAsync("add_document", $$"""{"project":"{{project}}","content_base64":"{{Samples.Base64(content)}}","filename":"{{fileName}}"}""");

    public override Task<JsonElement> DocumentsAsync(string project) => CallAsync("list_documents", $$"""{"project":"{{project}}"}""");

    public override Task<JsonElement> BlocksAsync(string documentId) => CallAsync("list_blocks", $$"""{"document_id":"{{documentId}}"}""");

    public override Task<JsonElement> PreviewProjectDeletionAsync(string project) => CallAsync("preview_deletion", $$"""{"project":"{{project}}"}""");

    public override Task<JsonElement> DeleteProjectAsync(string project) => CallAsync("delete_project", $$"""{"project":"{{project}}"}""");

    public override async Task<string> ExportJsonLinesAsync(string kind, string? documentId)
    {
        var answer = await CallAsync("export", JsonSerializer.Serialize(new Dictionary<string, string?> { ["kind"] = kind, ["format"] = "jsonl", ["document_id"] = documentId }));
        Assert.True(answer.GetProperty("inline").GetBoolean(), answer.GetRawText());
        return answer.GetProperty("content").GetString()!;
    }

    public override Task<JsonElement> ForgetAsync(string what, string id) => CallAsync("delete_" + what, $$"""{"{{what}}_id":"{{id}}"}""");

    private async Task<JsonElement> CallAsync(string tool, string arguments) => (await client.CallAsync(tool, arguments)).Structured();
}
