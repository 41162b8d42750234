using System.Text.Json;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Parity;

/// <summary>The built strata CLI with --json, one process per operation, on the embedded SQLite store or on the
/// PostgreSQL database given.</summary>
public sealed class CliDriver(TempDirectory temp, string user, string? databaseUrl = null) : ParityDriver
{
    private readonly string _data = temp.Combine("cli-data");
    private int _files;

    public override string Name => "CLI";

    public override Task<JsonElement> RegisterSchemaAsync(string schemaJson) => RunAsync("schemas", "register", WriteFile("schema.json", schemaJson));

    public override Task<JsonElement> IngestAsync(string fileName, string content, string entityType) =>
        RunAsync("ingest", WriteFile(fileName, content), "--type", entityType);

    public override Task<JsonElement> StoreAsync(string entitiesJson) => RunAsync("store", WriteFile("entities.json", entitiesJson));

    public override Task<JsonElement> RetrieveAsync(string entityType) => RunAsync("entities", "list", "--type", entityType);

    public override Task<JsonElement> SearchWithProvenanceAsync(string text) => RunAsync("entities", "list", "--query", text, "--include-provenance");

    public override Task<JsonElement> SnapshotAsync(string entityId) => RunAsync("entities", "show", entityId);

    public override Task<JsonElement> CorrectAsync(string entityId, string field, string value, string reason) =>
        RunAsync("correct", entityId, field, value, "--reason", reason);

    public override Task<JsonElement> ClearAsync(string entityId, string field, string reason) =>
        RunAsync("correct", entityId, field, "null", "--reason", reason);

    public override Task<JsonElement> GetRunAsync(string runId) => RunAsync("runs", "show", runId);

    public override Task<JsonElement> ObservationsAsync(string entityId) => RunAsync("observations", entityId);

    public override Task<JsonElement> ProvenanceAsync(string entityId, string field) => RunAsync("provenance", entityId, field);

    public override Task<JsonElement> MergeAsync(string fromEntityId, string toEntityId, string reason) =>
        RunAsync("merge", fromEntityId, toEntityId, "--reason", reason);

    public override Task<JsonElement> UnmergeAsync(string mergeId, string reason) => RunAsync("entities", "unmerge", mergeId, "--reason", reason);

    public override Task<JsonElement> SplitAsync(string entityId, string observationId, string reason) =>
        RunAsync("entities", "split", entityId, "--observation", observationId, "--reason", reason);

    public override Task<JsonElement> ReresolveDryRunAsync() => RunAsync("entities", "reresolve", "--dry-run");

    public override Task<JsonElement> TimelineAsync() => RunAsync("timeline");

    public override Task<JsonElement> StoreWithRelationsAsync(string payloadJson) => RunAsync("store", WriteFile("graph.json", payloadJson));

    public override Task<JsonElement> RelationsAsync(string entityId, string asOf) => RunAsync("graph", "relations", entityId, "--as-of", asOf);

    public override Task<JsonElement> NeighbourhoodAsync(string entityId, int depth, string asOf) =>
        RunAsync("graph", "neighbourhood", entityId, "--depth", depth.ToString(System.Globalization.CultureInfo.InvariantCulture), "--as-of", asOf);

    public override Task<JsonElement> PathAsync(string fromEntityId, string toEntityId, string asOf) =>
        RunAsync("graph", "path", fromEntityId, toEntityId, "--as-of", asOf);

    public override Task<JsonElement> SourcesAsync() => RunAsync("sources");

    public override Task<JsonElement> RunsAsync() => RunAsync("runs");

    public override Task<JsonElement> SchemasAsync() => RunAsync("schemas", "list");

    public override Task<JsonElement> ReinterpretAsync(string sourceId) => RunAsync("reinterpret", sourceId);

    public override Task<JsonElement> UsageAsync() => RunAsync("usage");

    public override Task<JsonElement> DuplicatesAsync(bool includeDismissed) =>
        includeDismissed ? RunAsync("duplicates", "list", "--include-dismissed") : RunAsync("duplicates", "list");

    public override Task<JsonElement> DismissDuplicateAsync(string entityA, string entityB) => RunAsync("duplicates", "dismiss", entityA, entityB);

    public override Task<JsonElement> CreateProjectAsync(string name) => RunAsync("projects", "create", name);

    public override Task<JsonElement> AddDocumentAsync(string project, string fileName, string content) =>
        RunAsync("ingest", "--project", project, WriteFile(fileName, content));

    public override Task<JsonElement> DocumentsAsync(string project) => RunAsync("documents", "list", project);

    public override Task<JsonElement> BlocksAsync(string documentId) => RunAsync("blocks", documentId);

    public override Task<JsonElement> PreviewProjectDeletionAsync(string project) => RunAsync("projects", "delete", project, "--preview");

    public override Task<JsonElement> DeleteProjectAsync(string project) => RunAsync("projects", "delete", project);

    public override async Task<string> ExportJsonLinesAsync(string kind, string? documentId)
    {
        var outcome = await StrataExecutable.RunAsync(documentId is null
            ? ["export", kind, "--format", "jsonl", "--out", "-", .. Common()]
            : ["export", kind, documentId, "--format", "jsonl", "--out", "-", .. Common()]);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        return outcome.StandardOutput;
    }

    public override Task<JsonElement> ForgetAsync(string what, string id) => RunAsync(what == "entity" ? "entities" : what + "s", "delete", id);

    public override Task ScanDuplicatesAsync() => RunAsync("duplicates", "scan");

    public override async Task<JsonElement> RefusedSnapshotAsync(string entityId)
    {
        var outcome = await StrataExecutable.RunAsync(["entities", "show", entityId, .. Common()]);
        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        return Samples.Json(outcome.StandardError).GetProperty("error");
    }

    private async Task<JsonElement> RunAsync(params string[] arguments)
    {
        var outcome = await StrataExecutable.RunAsync([.. arguments, .. Common()]);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        return Samples.Json(outcome.StandardOutput);
    }

    private string[] Common() => databaseUrl is null
        ? ["--data-dir", _data, "--user", user, "--json"]
        : ["--data-dir", _data, "--database", databaseUrl, "--user", user, "--json"];

    /// <summary>Each file in its own folder, so the name the CLI sends is exactly the one given.</summary>
    private string WriteFile(string name, string content)
    {
        var folder = temp.Combine($"cli-files-{++_files}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
