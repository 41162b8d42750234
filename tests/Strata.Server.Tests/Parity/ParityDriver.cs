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

    public abstract Task<JsonElement> SnapshotAsync(string entityId);

    public abstract Task<JsonElement> CorrectAsync(string entityId, string field, string value, string reason);

    public abstract Task<JsonElement> ObservationsAsync(string entityId);

    public abstract Task<JsonElement> ProvenanceAsync(string entityId, string field);

    public abstract Task<JsonElement> MergeAsync(string fromEntityId, string toEntityId, string reason);

    public abstract Task<JsonElement> TimelineAsync();

    public abstract Task<JsonElement> SourcesAsync();

    public abstract Task<JsonElement> RunsAsync();

    public abstract Task<JsonElement> SchemasAsync();

    public abstract Task<JsonElement> ReinterpretAsync(string sourceId);

    /// <summary>The refusal of a snapshot read, as <c>{code, message}</c>.</summary>
    public abstract Task<JsonElement> RefusedSnapshotAsync(string entityId);
}
