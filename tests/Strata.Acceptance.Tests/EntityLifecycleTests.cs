using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;

namespace Strata.Acceptance.Tests;

public sealed class EntityLifecycleTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private async Task<(string User, string SourceId, string EntityId)> AdaAsync()
    {
        var user = await _strata.UserAsync("alice");
        var result = await _strata.IngestTextAsync(user, "ada.csv", "name,email,phone\nAda Lovelace,ada@example.com,111\n", type: "contact");
        return (user, result.SourceId, result.Interpretation.Entities!.Single().EntityId);
    }

    private async Task<string> FieldAsync(string user, string entityId, string field) =>
        (await _strata.Services.Entities.GetSnapshotAsync(user, entityId, null, None)).Fields[field].GetString()!;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT004_ACorrectionWinsAtOnceSurvivesReinterpretationAndStructuredWritesUntilANewerCorrection(string backend)
    {
        _strata = TestStrata.Create(backend);
        var (user, sourceId, ada) = await AdaAsync();
        _strata.Clock.Advance(TimeSpan.FromMinutes(1));

        var correction = await _strata.Services.Corrections.CorrectAsync(user, ada, "phone", Json("\"222\""), "she told me", None);
        Assert.Equal(1000, correction.Priority);
        Assert.Equal("222", await FieldAsync(user, ada, "phone"));

        _strata.Clock.Advance(TimeSpan.FromMinutes(1));
        await _strata.Services.Ingest.ReinterpretAsync(user, sourceId, new(), None);
        Assert.Equal("222", await FieldAsync(user, ada, "phone"));

        _strata.Clock.Advance(TimeSpan.FromMinutes(1));
        await _strata.StoreAsync(user, """[{"entity_type": "contact", "email": "ada@example.com", "phone": "333"}]""");
        Assert.Equal("222", await FieldAsync(user, ada, "phone"));
        var provenance = await _strata.Services.Entities.GetFieldProvenanceAsync(user, ada, "phone", None);
        Assert.Equal(correction.ObservationId, provenance.Observation.ObservationId);

        _strata.Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await _strata.Services.Corrections.CorrectAsync(user, ada, "phone", Json("\"444\""), "new number", None);
        Assert.NotEqual(correction.ObservationId, newer.ObservationId);
        Assert.Equal("444", await FieldAsync(user, ada, "phone"));

        _strata.Clock.Advance(TimeSpan.FromMinutes(1));
        var back = await _strata.Services.Corrections.CorrectAsync(user, ada, "phone", Json("\"222\""), "she told me", None);
        Assert.NotEqual(correction.ObservationId, back.ObservationId);
        Assert.Equal("222", await FieldAsync(user, ada, "phone"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ACorrectionToAnUndeclaredFieldOrOfTheWrongTypeIsRefusedAndChangesNothing(string backend)
    {
        _strata = TestStrata.Create(backend);
        var (user, _, ada) = await AdaAsync();
        var before = _strata.Fingerprint();

        var undeclared = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Corrections.CorrectAsync(user, ada, "shoe_size", Json("42"), null, None));
        var wrongType = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Corrections.CorrectAsync(user, ada, "birthday", Json("\"soon\""), null, None));

        Assert.Equal(ErrorCodes.ValidationFailed, undeclared.Code);
        Assert.Contains("shoe_size", undeclared.Message);
        Assert.Equal(ErrorCodes.ValidationFailed, wrongType.Code);
        Assert.Equal(before, _strata.Fingerprint());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT005_AMergeMovesObservationsAuditsRedirectsReadsAndWritesAndLeavesDefaultQueries(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var stored = await _strata.StoreAsync(user, """
            [{"entity_type": "contact", "email": "ada@example.com", "name": "Ada Lovelace"},
             {"entity_type": "contact", "email": "ada.lovelace@example.org", "name": "Augusta Ada King", "phone": "555"}]
            """);
        var keep = stored.Entities[0].EntityId;
        var gone = stored.Entities[1].EntityId;
        _strata.Clock.Advance(TimeSpan.FromMinutes(5));

        var merge = await _strata.Services.Merges.MergeAsync(user, gone, keep, "same person", None);

        Assert.Equal(1, merge.ObservationsMoved);
        var audit = Assert.Single(_strata.Rows("SELECT user_id, from_entity_id, to_entity_id, reason, observations_moved FROM merges"));
        Assert.Equal($"user_id={user}|from_entity_id={gone}|to_entity_id={keep}|reason=same person|observations_moved=1", audit);
        var kept = await _strata.Services.Entities.GetSnapshotAsync(user, keep, null, None);
        Assert.Equal("555", kept.Fields["phone"].GetString());
        Assert.Equal(2, kept.ObservationCount);

        var redirected = await _strata.Services.Entities.GetSnapshotAsync(user, gone, null, None);
        Assert.Equal(keep, redirected.EntityId);
        Assert.Equal(gone, redirected.RedirectedFrom);

        var list = await _strata.Services.Entities.RetrieveAsync(user, "contact", null, false, false, new Paging(), None);
        Assert.Equal([keep], list.Entities.Select(e => e.EntityId));
        var withMerged = await _strata.Services.Entities.RetrieveAsync(user, "contact", null, true, false, new Paging(), None);
        Assert.Contains(withMerged.Entities, e => e.EntityId == gone && e.MergedInto == keep);

        _strata.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await _strata.StoreAsync(user, """[{"entity_type": "contact", "email": "ada.lovelace@example.org", "title": "Countess"}]""");
        Assert.Equal(keep, Assert.Single(later.Entities).EntityId);
        Assert.Equal("Countess", await FieldAsync(user, keep, "title"));
        var correction = await _strata.Services.Corrections.CorrectAsync(user, gone, "company", Json("\"Analytical Engines\""), null, None);
        Assert.Equal(keep, correction.EntityId);

        var again = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Merges.MergeAsync(user, gone, keep, null, None));
        Assert.Equal(ErrorCodes.EntityAlreadyMerged, again.Code);
        var self = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Merges.MergeAsync(user, keep, keep, null, None));
        Assert.Equal(ErrorCodes.ValidationFailed, self.Code);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task IT006_AnotherUserFindsNothingOfMineAndCannotChangeIt(string backend)
    {
        _strata = TestStrata.Create(backend);
        var (alice, sourceId, ada) = await AdaAsync();
        var other = await _strata.StoreAsync(alice, """[{"entity_type": "contact", "email": "grace@example.org"}]""");
        var bob = await _strata.UserAsync("bob");
        var before = _strata.Fingerprint();

        Assert.Equal(ErrorCodes.SourceNotFound, (await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Sources.GetSourceAsync(bob, sourceId, None))).Code);
        Assert.Equal(ErrorCodes.SourceNotFound, (await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Ingest.ReinterpretAsync(bob, sourceId, new(), None))).Code);
        Assert.Equal(ErrorCodes.SourceNotFound, (await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Sources.ListRunsAsync(bob, sourceId, new Paging(), None))).Code);
        Assert.Equal(ErrorCodes.EntityNotFound, (await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Entities.GetSnapshotAsync(bob, ada, null, None))).Code);
        Assert.Equal(ErrorCodes.EntityNotFound, (await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Entities.ListObservationsAsync(bob, ada, new Paging(), None))).Code);
        Assert.Equal(ErrorCodes.EntityNotFound, (await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Entities.GetFieldProvenanceAsync(bob, ada, "email", None))).Code);
        Assert.Equal(0, (await _strata.Services.Entities.RetrieveAsync(bob, null, "ada", true, false, new Paging(IncludeTotal: true), None)).Total);
        Assert.Equal(0, (await _strata.Services.Sources.ListSourcesAsync(bob, new Paging(IncludeTotal: true), None)).Total);
        Assert.Equal(0, (await _strata.Services.Sources.ListRunsAsync(bob, null, new Paging(IncludeTotal: true), None)).Total);
        Assert.Equal(0, (await _strata.Services.Entities.TimelineAsync(bob, null, null, null, new Paging(IncludeTotal: true), None)).Total);

        var correct = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Corrections.CorrectAsync(bob, ada, "phone", Json("\"0\""), null, None));
        Assert.Equal((ErrorCodes.EntityNotFound, $"No entity {ada}."), (correct.Code, correct.Message));
        var merge = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Merges.MergeAsync(bob, other.Entities[0].EntityId, ada, null, None));
        Assert.Equal((ErrorCodes.EntityNotFound, $"No entity {other.Entities[0].EntityId}."), (merge.Code, merge.Message));
        Assert.Equal(before, _strata.Fingerprint());
        Assert.Equal("111", await FieldAsync(alice, ada, "phone"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task TheProvenanceChainLeadsFromAValueToItsObservationRunAndSource(string backend)
    {
        _strata = TestStrata.Create(backend);
        var (user, sourceId, ada) = await AdaAsync();

        var chain = await _strata.Services.Entities.GetFieldProvenanceAsync(user, ada, "phone", None);

        Assert.Equal("111", chain.Value.GetString());
        Assert.Equal("row:1", chain.Observation.Locator);
        Assert.Equal("rules", chain.Run!.Interpreter);
        Assert.Equal("csv", chain.Run.Config.GetProperty("format").GetString());
        Assert.Equal(64, chain.Run.ConfigHash.Length);
        Assert.Equal(sourceId, chain.Source!.SourceId);
        Assert.Equal("ada.csv", chain.Source.OriginalFilename);
        Assert.Equal(64, chain.Source.ContentHash.Length);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task RetryingTheSameWriteCreatesNothingNew(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        const string payload = """[{"entity_type": "task", "title": "Write the report", "status": "todo"}]""";
        var first = await _strata.StoreAsync(user, payload, key: "req-1");
        var afterFirst = _strata.Fingerprint();

        var retry = await _strata.StoreAsync(user, payload, key: "req-1");
        Assert.Equal(afterFirst, _strata.Fingerprint());
        Assert.Equal(first.RunId, retry.RunId);
        Assert.Equal("created", first.Entities[0].Action);
        Assert.Equal("unchanged", retry.Entities[0].Action);
        Assert.Equal(first.Entities[0].ObservationId, retry.Entities[0].ObservationId);

        var correction = await _strata.Services.Corrections.CorrectAsync(user, first.Entities[0].EntityId, "status", Json("\"done\""), "finished", None);
        var afterCorrection = _strata.Fingerprint();
        var correctionRetry = await _strata.Services.Corrections.CorrectAsync(user, first.Entities[0].EntityId, "status", Json("\"done\""), "finished", None);
        Assert.Equal(correction.ObservationId, correctionRetry.ObservationId);
        Assert.Equal(afterCorrection, _strata.Fingerprint());

        var deliberate = await _strata.StoreAsync(user, payload, key: "req-2");
        Assert.NotEqual(first.RunId, deliberate.RunId);
        Assert.Equal("updated", deliberate.Entities[0].Action);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ASnapshotCanBeReadAsItStoodAtAnEarlierTime(string backend)
    {
        _strata = TestStrata.Create(backend);
        var (user, _, ada) = await AdaAsync();
        var before = _strata.Clock.GetUtcNow();
        _strata.Clock.Advance(TimeSpan.FromDays(1));
        await _strata.Services.Corrections.CorrectAsync(user, ada, "phone", Json("\"999\""), null, None);

        var then = await _strata.Services.Entities.GetSnapshotAsync(user, ada, before, None);
        var now = await _strata.Services.Entities.GetSnapshotAsync(user, ada, null, None);

        Assert.Equal("111", then.Fields["phone"].GetString());
        Assert.Equal(1, then.ObservationCount);
        Assert.Equal("999", now.Fields["phone"].GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AnExplicitNullClearsAField(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var first = await _strata.StoreAsync(user, """[{"entity_type": "contact", "email": "ada@example.com", "phone": "111"}]""");
        _strata.Clock.Advance(TimeSpan.FromMinutes(1));

        await _strata.StoreAsync(user, """[{"entity_type": "contact", "email": "ada@example.com", "phone": null}]""");

        var snapshot = await _strata.Services.Entities.GetSnapshotAsync(user, first.Entities[0].EntityId, null, None);
        Assert.False(snapshot.Fields.ContainsKey("phone"));
        Assert.False(snapshot.Provenance!.ContainsKey("phone"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ConcurrentWritersOfOneEntityLeaveASnapshotThatCountsEveryObservation(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");

        var writes = Enumerable.Range(0, 8).Select(i => Task.Run(() => _strata.StoreAsync(user,
            $$"""[{"entity_type": "contact", "email": "ada@example.com", "phone": "{{i}}"}]""", key: $"writer-{i}")));
        var results = await Task.WhenAll(writes);

        var entityId = results.Select(r => r.Entities[0].EntityId).Distinct().Single();
        var snapshot = await _strata.Services.Entities.GetSnapshotAsync(user, entityId, null, None);
        Assert.Equal(8, snapshot.ObservationCount);
        var observations = await _strata.Services.Entities.ListObservationsAsync(user, entityId, new Paging(), None);
        Assert.Equal(snapshot.Provenance!["phone"], observations.Observations.OrderBy(o => o.ObservedAt).Last().ObservationId);
    }

    public void Dispose() => _strata?.Dispose();
}
