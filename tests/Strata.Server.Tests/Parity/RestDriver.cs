using System.Net;
using System.Text;
using System.Text.Json;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Parity;

/// <summary>The REST API over real HTTP.</summary>
/// <param name="scanDuplicates">The server's periodic duplicate scan, run now.</param>
public sealed class RestDriver(HttpClient client, Func<Task> scanDuplicates) : ParityDriver
{
    public override string Name => "REST";

    public override Task<JsonElement> RegisterSchemaAsync(string schemaJson) => PostAsync("/v1/schemas", $$"""{"schema":{{schemaJson}}}""");

    public override async Task<JsonElement> IngestAsync(string fileName, string content, string entityType)
    {
        var response = await client.PostAsync($"/v1/sources?filename={Uri.EscapeDataString(fileName)}&entity_type={entityType}",
            new ByteArrayContent(Encoding.UTF8.GetBytes(content)));
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    public override Task<JsonElement> StoreAsync(string entitiesJson) => PostAsync("/v1/entities", $$"""{"entities":{{entitiesJson}}}""");

    public override Task<JsonElement> RetrieveAsync(string entityType) => GetAsync($"/v1/entities?entity_type={entityType}");

    public override Task<JsonElement> SearchWithProvenanceAsync(string text) => GetAsync($"/v1/entities?query={text}&include_provenance=true");

    public override Task<JsonElement> SnapshotAsync(string entityId) => GetAsync($"/v1/entities/{entityId}");

    public override Task<JsonElement> CorrectAsync(string entityId, string field, string value, string reason) =>
        PostAsync($"/v1/entities/{entityId}/corrections", JsonSerializer.Serialize(new Dictionary<string, string> { ["field"] = field, ["value"] = value, ["reason"] = reason }));

    public override Task<JsonElement> ClearAsync(string entityId, string field, string reason) =>
        PostAsync($"/v1/entities/{entityId}/corrections", $$"""{"field":"{{field}}","value":null,"reason":"{{reason}}"}""");

    public override Task<JsonElement> GetRunAsync(string runId) => GetAsync($"/v1/runs/{runId}");

    public override Task<JsonElement> ObservationsAsync(string entityId) => GetAsync($"/v1/entities/{entityId}/observations");

    public override Task<JsonElement> ProvenanceAsync(string entityId, string field) => GetAsync($"/v1/entities/{entityId}/provenance/{field}");

    public override Task<JsonElement> MergeAsync(string fromEntityId, string toEntityId, string reason) =>
        PostAsync("/v1/merges", $$"""{"from_entity_id":"{{fromEntityId}}","to_entity_id":"{{toEntityId}}","reason":"{{reason}}"}""");

    public override Task<JsonElement> UnmergeAsync(string mergeId, string reason) =>
        PostAsync($"/v1/merges/{mergeId}/unmerge", $$"""{"reason":"{{reason}}"}""");

    public override Task<JsonElement> SplitAsync(string entityId, string observationId, string reason) =>
        PostAsync($"/v1/entities/{entityId}/splits", $$"""{"observation_ids":["{{observationId}}"],"reason":"{{reason}}"}""");

    public override Task<JsonElement> ReresolveDryRunAsync() => PostAsync("/v1/reresolutions", """{"dry_run":true}""");

    public override Task<JsonElement> TimelineAsync() => GetAsync("/v1/timeline");

    public override Task<JsonElement> StoreWithRelationsAsync(string payloadJson) => PostAsync("/v1/entities", payloadJson);

    public override Task<JsonElement> RelationsAsync(string entityId, string asOf) => GetAsync($"/v1/entities/{entityId}/relations?as_of={asOf}");

    public override Task<JsonElement> NeighbourhoodAsync(string entityId, int depth, string asOf) =>
        GetAsync($"/v1/entities/{entityId}/neighbourhood?depth={depth}&as_of={asOf}");

    public override Task<JsonElement> PathAsync(string fromEntityId, string toEntityId, string asOf) =>
        GetAsync($"/v1/paths?from_entity_id={fromEntityId}&to_entity_id={toEntityId}&as_of={asOf}");

    public override Task<JsonElement> SourcesAsync() => GetAsync("/v1/sources");

    public override Task<JsonElement> RunsAsync() => GetAsync("/v1/runs");

    public override Task<JsonElement> SchemasAsync() => GetAsync("/v1/schemas");

    public override Task<JsonElement> ReinterpretAsync(string sourceId) => PostAsync($"/v1/sources/{sourceId}/reinterpret", null);

    public override Task<JsonElement> UsageAsync() => GetAsync("/v1/usage");

    public override Task<JsonElement> DuplicatesAsync(bool includeDismissed) => GetAsync($"/v1/duplicates?include_dismissed={(includeDismissed ? "true" : "false")}");

    public override Task<JsonElement> DismissDuplicateAsync(string entityA, string entityB) =>
        PostAsync("/v1/duplicates/dismissals", $$"""{"entity_a":"{{entityA}}","entity_b":"{{entityB}}"}""");

    public override Task ScanDuplicatesAsync() => scanDuplicates();

    public override async Task<JsonElement> RefusedSnapshotAsync(string entityId)
    {
        var response = await client.GetAsync($"/v1/entities/{entityId}");
        var problem = Samples.Json(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        return Samples.Json(JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["code"] = problem.GetProperty("code").GetString(),
            ["message"] = problem.GetProperty("detail").GetString(),
        }));
    }

    public override Task<JsonElement> CreateProjectAsync(string name) => PostAsync("/v1/projects", $$"""{"name":"{{name}}"}""");

    public override Task<JsonElement> AddDocumentAsync(string project, string fileName, string content) =>
        PostAsync($"/v1/projects/{Uri.EscapeDataString(project)}/documents",
            $$"""{"content_base64":"{{Samples.Base64(content)}}","filename":"{{fileName}}"}""");

    public override Task<JsonElement> DocumentsAsync(string project) => GetAsync($"/v1/projects/{Uri.EscapeDataString(project)}/documents");

    public override Task<JsonElement> BlocksAsync(string documentId) => GetAsync($"/v1/documents/{documentId}/blocks");

    public override Task<JsonElement> PreviewProjectDeletionAsync(string project) => GetAsync($"/v1/deletions/preview?project={Uri.EscapeDataString(project)}");

    public override async Task<JsonElement> DeleteProjectAsync(string project) =>
        await (await client.DeleteAsync($"/v1/projects/{Uri.EscapeDataString(project)}")).JsonAsync();

    public override async Task<string> ExportJsonLinesAsync(string kind, string? documentId)
    {
        var response = await client.GetAsync(documentId is null ? $"/v1/exports/{kind}?format=jsonl" : $"/v1/exports/documents/{documentId}?format=jsonl");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }

    public override async Task<JsonElement> ForgetAsync(string what, string id) =>
        await (await client.DeleteAsync($"/v1/{(what == "entity" ? "entities" : what + "s")}/{id}")).JsonAsync();

    private async Task<JsonElement> GetAsync(string path) => await (await client.GetAsync(path)).JsonAsync();

    private async Task<JsonElement> PostAsync(string path, string? body)
    {
        var response = await client.PostAsync(path, body is null ? null : HttpTesting.JsonBody(body));
        return await response.JsonAsync(response.StatusCode == HttpStatusCode.Created ? HttpStatusCode.Created : HttpStatusCode.OK);
    }
}
