using System.Text.Json;
using Strata.Acceptance.Tests.Exports;
using Strata.Acceptance.Tests.Review;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Exports;
using Strata.Core.Exports.Memory;
using Strata.Core.Observations;
using Strata.Core.Webhooks;
using static Strata.Acceptance.Tests.Webhooks.WebhookEventTests;

namespace Strata.Acceptance.Tests.Webhooks;

/// <summary><c>export.ready</c> for the streamed exports (archives: <see cref="WebhookEventTests"/>): each export written to
/// its end is one event with its kind, format and rows, only to its user's webhooks; an export that did not finish
/// writing announces nothing.</summary>
public sealed class ExportReadyTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Entity_memory_memory_json_and_neo4j_exports_each_emit_export_ready_once_with_their_rows(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        var bob = await strata.UserAsync("bob");
        await strata.Services.Structured.StoreAsync(alice, new StoreRequest(Json("""
            [{"entity_type": "contact", "email": "ada@example.com", "name": "Ada Lovelace"},
             {"entity_type": "company", "name": "Analytical Engines"}]
            """), null, null, Json("""[{"from": 0, "relation_type": "works_at", "to": 1}]""")), None);
        await HookAsync(strata, alice, WebhookEvents.ExportReady);
        await HookAsync(strata, bob, WebhookEvents.ExportReady);

        await WriteAsync(await strata.Services.EntityExports.ExportAsync(alice, new EntityExportRequest("jsonl"), None));
        await WriteAsync(await strata.Services.EntityExports.ExportAsync(alice, new EntityExportRequest("parquet", "contact"), None));
        await WriteAsync(await strata.Services.MemoryExports.ExportAsync(alice, new MemoryExportRequest("json"), None));
        await WriteAsync(await strata.Services.CypherExports.ExportAsync(alice, "cypher", null, None));
        await WriteAsync(await strata.Services.CypherExports.ExportAsync(alice, "admin-csv", null, None));
        await strata.Services.MemoryServer.CreateEntitiesAsync(alice, [new("Grace", "person", ["an admiral"])], None);
        await strata.Services.MemoryServer.ExportFileAsync(alice, new MemoryStream(), null, None);

        Assert.Equal(Sorted(
            [
                ("entities", "jsonl", "entities.jsonl", 2L),
                ("entities", "parquet", "entities-contact.parquet", 1L),
                ("memory", "json", "memory.json", 2L),
                ("neo4j", "cypher", "graph.cypher", 3L),
                ("neo4j", "admin-csv", "graph-admin-csv.zip", 3L),
                ("memory-json", "jsonl", "memory.json", 1L),
            ]),
            await ReadyAsync(strata, alice));
        Assert.Empty(await DeliveriesAsync(strata, bob));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Document_project_dataset_and_reconstruction_exports_each_emit_export_ready_once_with_their_rows(string backend)
    {
        var (review, document, runId) = await ReviewFixture.WithRunAsync(backend, blocks: 3);
        await using var _ = review;
        var services = review.Strata.Services;
        await services.Review.ConfirmAsync(review.User, runId, 0, None);
        await services.Review.ConfirmAsync(review.User, runId, 1, None);
        await HookAsync(review.Strata, review.User, WebhookEvents.ExportReady);
        var folder = Directory.CreateTempSubdirectory("strata-ready-").FullName;
        try
        {
            await WriteAsync(await services.DocumentExports.ExportDocumentAsync(review.User, document, "csv", None));
            await WriteAsync(await services.DocumentExports.ExportProjectAsync(review.User, "Contracts", "jsonl", None));
            await WriteAsync(await services.DatasetExports.ExportAsync(review.User, "Contracts", None));
            await services.DatasetExports.WriteToDirectoryAsync(review.User, "Contracts", Path.Combine(folder, "contracts"), null, None);
            // A project with nothing confirmed yet: an empty folder (the path the CLI names exists), announced with no rows.
            await services.Projects.CreateAsync(review.User, "Drafts", None);
            await services.DatasetExports.WriteToDirectoryAsync(review.User, "Drafts", Path.Combine(folder, "drafts"), null, None);
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder, "drafts")));
            await WriteAsync(await services.Reconstruction.ReconstructAsync(review.User, document, null, null, None));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.Equal(Sorted(
            [
                ("document", "csv", document + ".csv", 3L),
                ("project", "jsonl", review.ProjectId + "-jsonl.zip", 3L),
                ("project", "parquet-dataset", review.ProjectId + "-parquet-dataset.zip", 2L),
                ("project", "parquet-dataset", "contracts", 2L),
                ("project", "parquet-dataset", "drafts", 0L),
                // The fixture's schema has no revision field: nothing is revised, the text comes back as it was.
                ("reconstruction", "text", "lease.revised.md", 0L),
            ]),
            await ReadyAsync(review.Strata, review.User));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_export_that_does_not_finish_writing_emits_nothing(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        await strata.StoreAsync(alice, """[{"entity_type": "contact", "email": "ada@example.com", "name": "Ada Lovelace"}]""");
        await HookAsync(strata, alice, WebhookEvents.ExportReady);
        var download = await strata.Services.EntityExports.ExportAsync(alice, new EntityExportRequest("jsonl"), None);

        await Assert.ThrowsAsync<IOException>(() => download.WriteToAsync(new BrokenStream(), null, None));
        Assert.Empty(await DeliveriesAsync(strata, alice));
        // The failed attempt is not held back either: writing it again announces it once.
        await WriteAsync(download);
        Assert.Single(await DeliveriesAsync(strata, alice));
    }

    private static async Task WriteAsync(ExportDownload download) => await download.WriteToAsync(new AsyncOnlyStream(), null, None);

    /// <summary>The user's export.ready events (kind, format, file name, rows) in a fixed order: the test clock stands
    /// still, so their times do not order them.</summary>
    private static async Task<List<(string, string, string, long)>> ReadyAsync(TestStrata strata, string userId) =>
        Sorted((await DeliveriesAsync(strata, userId)).Select(d => Data(d, WebhookEvents.ExportReady))
            .Select(data => (data.GetProperty("export").GetString()!, data.GetProperty("format").GetString()!, data.GetProperty("file_name").GetString()!,
                data.GetProperty("rows").GetInt64())));

    private static List<(string, string, string, long)> Sorted(IEnumerable<(string, string, string, long)> events) => events.Order().ToList();

    private static List<JsonElement> Json(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();

    /// <summary>A destination that fails on the first write, as a dropped connection does.</summary>
    private sealed class BrokenStream : MemoryStream
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new IOException("The connection was reset.");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new IOException("The connection was reset.");

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("The connection was reset.");
    }
}
