using System.Text.Json;

namespace Strata.Server.Tests.Parity;

/// <summary>The operations of the parity scenario, each answered with the JSON one interface returns for it.</summary>
public abstract class ParityDriver
{
    public abstract string Name { get; }

    public abstract Task<JsonElement> RegisterSchemaAsync(string schemaJson);

    public abstract Task<JsonElement> IngestAsync(string fileName, string content, string entityType);

    public abstract Task<JsonElement> StoreAsync(string entitiesJson);

    public abstract Task<JsonElement> RetrieveAsync(string entityType);

    /// <summary>A text query whose answer gives each entity's provenance (include_provenance).</summary>
    public abstract Task<JsonElement> SearchWithProvenanceAsync(string text);

    public abstract Task<JsonElement> SnapshotAsync(string entityId);

    public abstract Task<JsonElement> CorrectAsync(string entityId, string field, string value, string reason);

    /// <summary>A correction to JSON null, which clears the field.</summary>
    public abstract Task<JsonElement> ClearAsync(string entityId, string field, string reason);

    public abstract Task<JsonElement> GetRunAsync(string runId);

    public abstract Task<JsonElement> ObservationsAsync(string entityId);

    public abstract Task<JsonElement> ProvenanceAsync(string entityId, string field);

    public abstract Task<JsonElement> MergeAsync(string fromEntityId, string toEntityId, string reason);

    public abstract Task<JsonElement> UnmergeAsync(string mergeId, string reason);

    public abstract Task<JsonElement> SplitAsync(string entityId, string observationId, string reason);

    public abstract Task<JsonElement> ReresolveDryRunAsync();

    public abstract Task<JsonElement> TimelineAsync();

    /// <summary>A structured write of <c>{"entities": [...], "relations": [...]}</c> as given.</summary>
    public abstract Task<JsonElement> StoreWithRelationsAsync(string payloadJson);

    public abstract Task<JsonElement> RelationsAsync(string entityId, string asOf);

    public abstract Task<JsonElement> NeighbourhoodAsync(string entityId, int depth, string asOf);

    public abstract Task<JsonElement> PathAsync(string fromEntityId, string toEntityId, string asOf);

    public abstract Task<JsonElement> SourcesAsync();

    public abstract Task<JsonElement> RunsAsync();

    public abstract Task<JsonElement> SchemasAsync();

    public abstract Task<JsonElement> ReinterpretAsync(string sourceId);

    public abstract Task<JsonElement> UsageAsync();

    public abstract Task<JsonElement> DuplicatesAsync(bool includeDismissed);

    public abstract Task<JsonElement> DismissDuplicateAsync(string entityA, string entityB);

    public abstract Task<JsonElement> CreateProjectAsync(string name);

    /// <summary>A file added to a project as a document, waited for (CLI: <c>ingest --project</c>).</summary>
    public abstract Task<JsonElement> AddDocumentAsync(string project, string fileName, string content);

    public abstract Task<JsonElement> DocumentsAsync(string project);

    public abstract Task<JsonElement> BlocksAsync(string documentId);

    /// <summary>What deleting the project would remove (CLI: <c>projects delete --preview</c>).</summary>
    public abstract Task<JsonElement> PreviewProjectDeletionAsync(string project);

    public abstract Task<JsonElement> DeleteProjectAsync(string project);

    /// <summary>A JSONL export as the interface gives it: <paramref name="kind"/> <c>entities</c>, or <c>document</c> with
    /// <paramref name="documentId"/> (CLI: <c>export … --out -</c>; REST: the streamed download; MCP: the inline answer).</summary>
    public abstract Task<string> ExportJsonLinesAsync(string kind, string? documentId);

    /// <summary>The export's lines as one JSON array, to compare like every other answer.</summary>
    public async Task<JsonElement> ExportAsync(string kind, string? documentId = null)
    {
        var lines = (await ExportJsonLinesAsync(kind, documentId)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return Infrastructure.Samples.Json("[" + string.Join(",", lines) + "]");
    }

    /// <summary>Forgets an entity, an observation or a source (<paramref name="what"/>: entity, observation or source).</summary>
    public abstract Task<JsonElement> ForgetAsync(string what, string id);

    /// <summary>Runs the periodic duplicate scan now (a worker's job, not an interface operation, so its answer is not compared).</summary>
    public abstract Task ScanDuplicatesAsync();

    /// <summary>The refusal of a snapshot read, as <c>{code, message}</c>.</summary>
    public abstract Task<JsonElement> RefusedSnapshotAsync(string entityId);
}
