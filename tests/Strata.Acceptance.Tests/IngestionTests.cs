using System.Security.Cryptography;
using System.Text;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;

namespace Strata.Acceptance.Tests;

public sealed class IngestionTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    private const string Contacts = """
        name,email,company
        Ada Lovelace,ada@example.com,Analytical Engines
        Grace Hopper,grace@example.org,US Navy
        """;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT001_RawFileIngestionStoresHashedBlobRunsAndQueryableSnapshots(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");

        var result = await _strata.IngestTextAsync(user, "contacts.csv", Contacts, type: "contact");

        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Contacts)));
        Assert.Equal(expectedHash, result.ContentHash);
        Assert.Equal("text/csv", result.MimeType);
        Assert.Equal("uploaded", result.StorageStatus);
        Assert.False(result.Deduplicated);
        Assert.Equal(Encoding.UTF8.GetBytes(Contacts), await File.ReadAllBytesAsync(_strata.BlobPath(user, expectedHash)));

        Assert.Equal("completed", result.Interpretation.Status);
        Assert.Equal(2, result.Interpretation.ObservationsCreated);
        Assert.Equal(2, result.Interpretation.Entities!.Count);

        foreach (var entity in result.Interpretation.Entities)
        {
            var observations = await _strata.Services.Entities.ListObservationsAsync(user, entity.EntityId, new Paging(), None);
            var observation = Assert.Single(observations.Observations);
            Assert.Equal(result.SourceId, observation.SourceId);
            Assert.Equal(result.Interpretation.RunId, observation.RunId);
            Assert.Equal(0, observation.Priority);
        }

        var ada = await _strata.Services.Entities.RetrieveAsync(user, "contact", "lovelace", false, true, new Paging(), None);
        var snapshot = Assert.Single(ada.Entities);
        Assert.Equal("ada@example.com", snapshot.Fields["email"].GetString());
        Assert.Equal("Analytical Engines", snapshot.Fields["company"].GetString());
        Assert.Equal(snapshot.Provenance!["email"], result.Interpretation.Entities.Single(e => e.EntityId == snapshot.EntityId).ObservationId);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT002_SameBytesFromTheSameUserAreOneSourceButAnotherUserGetsItsOwn(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await _strata.UserAsync("alice");
        var bob = await _strata.UserAsync("bob");
        var first = await _strata.IngestTextAsync(alice, "contacts.csv", Contacts, type: "contact");
        var before = _strata.Fingerprint();

        var again = await _strata.IngestTextAsync(alice, "renamed.csv", Contacts, type: "contact");

        Assert.True(again.Deduplicated);
        Assert.Equal(first.SourceId, again.SourceId);
        Assert.True(again.Interpretation.Skipped);
        Assert.Equal(before, _strata.Fingerprint());

        var bobs = await _strata.IngestTextAsync(bob, "contacts.csv", Contacts, type: "contact");
        Assert.False(bobs.Deduplicated);
        Assert.NotEqual(first.SourceId, bobs.SourceId);
        Assert.Equal(first.ContentHash, bobs.ContentHash);
        Assert.True(File.Exists(_strata.BlobPath(bob, bobs.ContentHash)));
        Assert.Equal(1, (await _strata.Services.Sources.ListSourcesAsync(alice, new Paging(IncludeTotal: true), None)).Total);
        Assert.Equal(1, (await _strata.Services.Sources.ListSourcesAsync(bob, new Paging(IncludeTotal: true), None)).Total);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT003_ReinterpretationMakesANewRunAndNeverTouchesTheEarlierOne(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var first = await _strata.IngestTextAsync(user, "contacts.csv", Contacts, type: "contact");
        // SQLite's rows name their run by its number (migration 0550).
        var observationRows = backend == Backends.Sqlite
            ? "SELECT id, entity_id, source_id, run_row, kind, locator, priority, state, fields_json, observed_at, created_at FROM observations WHERE run_row = (SELECT seq FROM runs WHERE id = @run) ORDER BY seq"
            : "SELECT id, entity_id, source_id, run_id, kind, locator, priority, state, fields_json, observed_at, created_at FROM observations WHERE run_id = @run ORDER BY seq";
        var firstRows = _strata.Rows(observationRows, new { run = first.Interpretation.RunId });
        var firstRun = _strata.Rows("SELECT * FROM runs WHERE id = @run", new { run = first.Interpretation.RunId });
        _strata.Clock.Advance(TimeSpan.FromHours(1));

        var second = await _strata.Services.Ingest.ReinterpretAsync(user, first.SourceId, new(), None);

        Assert.Equal("completed", second.Status);
        Assert.NotEqual(first.Interpretation.RunId, second.RunId);
        Assert.Equal(2, second.ObservationsCreated);
        var newIds = second.Entities!.Select(e => e.ObservationId).ToHashSet();
        Assert.Empty(newIds.Intersect(first.Interpretation.Entities!.Select(e => e.ObservationId)));
        Assert.Equal(first.Interpretation.Entities!.Select(e => e.EntityId).Order(), second.Entities!.Select(e => e.EntityId).Order());
        Assert.Equal(firstRows, _strata.Rows(observationRows, new { run = first.Interpretation.RunId }));
        Assert.Equal(firstRun, _strata.Rows("SELECT * FROM runs WHERE id = @run", new { run = first.Interpretation.RunId }));

        var runs = await _strata.Services.Sources.ListRunsAsync(user, first.SourceId, new Paging(IncludeTotal: true), None);
        Assert.Equal(2, runs.Total);
        Assert.Contains(runs.Runs, r => r.RunId == first.Interpretation.RunId);
        Assert.Contains(runs.Runs, r => r.RunId == second.RunId);
        Assert.Equal("contact", runs.Runs.First(r => r.RunId == second.RunId).Config.GetProperty("entity_type").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT009_UnknownFieldsGoOnlyToRawFragmentsAndAreCountedOnTheRun(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        const string csv = "name,email,favourite_colour,birthday\nAda Lovelace,ada@example.com,green,not a date\n";

        var result = await _strata.IngestTextAsync(user, "contacts.csv", csv, type: "contact");

        Assert.Equal(2, result.Interpretation.UnknownFieldsCount);
        var entityId = Assert.Single(result.Interpretation.Entities!).EntityId;
        var snapshot = await _strata.Services.Entities.GetSnapshotAsync(user, entityId, null, None);
        Assert.False(snapshot.Fields.ContainsKey("favourite_colour"));
        Assert.False(snapshot.Fields.ContainsKey("birthday"));
        var observation = Assert.Single((await _strata.Services.Entities.ListObservationsAsync(user, entityId, new Paging(), None)).Observations);
        Assert.Equal(["email", "name"], observation.Fields.Keys.Order());

        var fragments = _strata.Rows("SELECT field, value_json, reason, source_id, run_id FROM raw_fragments ORDER BY field");
        Assert.Equal(2, fragments.Count);
        Assert.StartsWith("field=birthday|value_json=\"not a date\"|reason=expected date", fragments[0]);
        Assert.StartsWith("field=favourite_colour|value_json=\"green\"|reason=not declared", fragments[1]);
        Assert.All(fragments, f => Assert.EndsWith($"source_id={result.SourceId}|run_id={result.Interpretation.RunId}", f));
        var run = Assert.Single((await _strata.Services.Sources.ListRunsAsync(user, null, new Paging(), None)).Runs);
        Assert.Equal(2, run.UnknownFieldsCount);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AnEntityOfATypeWithNoSchemaBecomesGenericWithItsRawData(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");

        var result = await _strata.IngestTextAsync(user, "widgets.json", """[{"entity_type": "widget", "name": "Sprocket", "teeth": 12}]""");

        var entity = Assert.Single(result.Interpretation.Entities!);
        Assert.Equal("generic", entity.EntityType);
        var snapshot = await _strata.Services.Entities.GetSnapshotAsync(user, entity.EntityId, null, None);
        Assert.Equal("widget", snapshot.Fields["suggested_type"].GetString());
        Assert.True(snapshot.Fields["needs_schema_refinement"].GetBoolean());
        Assert.Equal(12, snapshot.Fields["raw_data"].GetProperty("teeth").GetInt32());
        Assert.Equal(0, result.Interpretation.UnknownFieldsCount);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AnEmptyFileIsRefusedAndChangesNothing(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var before = _strata.Fingerprint();

        var failure = await Assert.ThrowsAsync<StrataException>(() => _strata.IngestTextAsync(user, "empty.csv", ""));

        Assert.Equal(ErrorCodes.EmptyFile, failure.Code);
        Assert.Equal(before, _strata.Fingerprint());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AFileOverTheLimitIsRefusedWhileStreamingAndChangesNothing(string backend)
    {
        _strata = TestStrata.Create(backend, maxUploadBytes: 1024);
        var user = await _strata.UserAsync("alice");
        var before = _strata.Fingerprint();

        var failure = await Assert.ThrowsAsync<StrataException>(() => _strata.IngestTextAsync(user, "big.txt", new string('x', 1025)));

        Assert.Equal(ErrorCodes.FileTooLarge, failure.Code);
        Assert.Contains("1 KiB", failure.Message);
        Assert.Equal(before, _strata.Fingerprint());
    }

    public static TheoryData<string, string, string> MalformedCases()
    {
        (string File, string Content)[] cases =
        [
            ("broken.json", """[{"entity_type": "contact", "name": "Ada" """),
            ("broken.json", """[{"entity_type": "contact"}, 42]"""),
            ("broken.csv", "name,email\n\"Ada Lovelace,ada@example.com\n"),
            ("broken.csv", "name,email\nAda,ada@example.com,extra\n"),
            ("broken.jsonl", "{\"entity_type\": \"note\", \"title\": \"a\"}\n{oops}\n"),
        ];
        var data = new TheoryData<string, string, string>();
        foreach (var backend in Backends.All.Cast<object[]>().Select(row => (string)row[0]))
        {
            foreach (var (file, content) in cases) data.Add(backend, file, content);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedCases))]
    public async Task MalformedContentIsRefusedWithItsCodeAndItsFailedRunWritesNothing(string backend, string fileName, string content)
    {
        _strata = TestStrata.Create(backend);
        // Contract changed with the job queue (issue 4): interpretation is a queued run, so the source is kept and
        // the run is recorded as failed with the error. A caller who waits still gets MALFORMED_CONTENT, and not one
        // entity, observation, raw fragment or timeline event is written.
        var user = await _strata.UserAsync("alice");
        await _strata.IngestTextAsync(user, "ok.csv", Contacts, type: "contact");
        var before = _strata.Counts();

        var failure = await Assert.ThrowsAsync<StrataException>(() => _strata.IngestTextAsync(user, fileName, content, type: "contact"));

        Assert.Equal(ErrorCodes.MalformedContent, failure.Code);
        Assert.False(string.IsNullOrWhiteSpace(failure.Message));
        var kept = (await _strata.Services.Sources.ListSourcesAsync(user, new Paging(), None)).Sources.Single(s => s.OriginalFilename == fileName);
        Assert.Contains(kept.SourceId, failure.Message);
        var run = Assert.Single((await _strata.Services.Sources.ListRunsAsync(user, kept.SourceId, new Paging(), None)).Runs);
        Assert.Equal("failed", run.Status);
        Assert.StartsWith("MALFORMED_CONTENT: ", run.Error);
        Assert.NotNull(run.CompletedAt);
        var after = _strata.Counts();
        foreach (var table in new[] { "entities", "observations", "raw_fragments", "merges", "timeline_events", "schemas", "users", "spool" })
        {
            Assert.Equal(before[table], after[table]);
        }
        Assert.Equal(before["sources"] + 1, after["sources"]);
        Assert.Equal(before["runs"] + 1, after["runs"]);
        Assert.Equal(before["blobs"] + 1, after["blobs"]);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AFileWithNoInterpreterIsKeptAsASourceAndSaysWhyItWasNotInterpreted(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");

        var result = await _strata.Services.Ingest.IngestAsync(user,
            new Core.Sources.IngestRequest(new MemoryStream([0x89, 0x50, 0x4E, 0x47, 0, 1, 2]), "logo.png"), None);

        Assert.Equal("image/png", result.MimeType);
        Assert.True(result.Interpretation.Skipped);
        Assert.Contains("image/png", result.Interpretation.Reason);
        var failure = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Ingest.ReinterpretAsync(user, result.SourceId, new(), None));
        Assert.Equal(ErrorCodes.UnsupportedMediaType, failure.Code);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task EveryRulesFormatBecomesEntities(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");

        foreach (var file in Directory.GetFiles(samples))
        {
            await using var content = File.OpenRead(file);
            var result = await _strata.Services.Ingest.IngestAsync(user, new Core.Sources.IngestRequest(content, Path.GetFileName(file),
                EntityType: file.EndsWith(".csv", StringComparison.Ordinal) ? "contact" : null), None);
            Assert.Equal("completed", result.Interpretation.Status);
            Assert.NotEmpty(result.Interpretation.Entities!);
        }

        var types = (await _strata.Services.Entities.RetrieveAsync(user, null, null, false, false, new Paging(500), None)).Entities
            .Select(e => e.EntityType).ToHashSet();
        Assert.Superset(new HashSet<string> { "contact", "event", "note", "company", "task", "fact" }, types);
        var grace = (await _strata.Services.Entities.RetrieveAsync(user, "contact", "grace@example.org", false, false, new Paging(), None)).Entities;
        Assert.Equal(2, Assert.Single(grace).ObservationCount); // the CSV row and the vCard are one person
        var timeline = await _strata.Services.Entities.TimelineAsync(user, "2024-01-01", "2024-12-31", null, new Paging(), None);
        Assert.Contains(timeline.Events, e => e.Field == "start" && e.EntityType == "event");
        Assert.Contains(timeline.Events, e => e.Field == "due" && e.EntityType == "task");
    }

    public void Dispose() => _strata?.Dispose();
}
