using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Entities.Splits;
using Strata.Core.Errors;
using Strata.Core.Operations;

namespace Strata.Acceptance.Tests;

/// <summary>Split and unmerge (issue 11, item 6): what was wrongly put together is taken apart, audited, with both
/// snapshots recomputed and corrections left where the person put them.</summary>
public sealed class SplitTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ABadMergeIsUndoneByUnmergeAndTheCorrectionStaysWhereThePersonPutIt(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var stored = await _strata.StoreAsync(user, """
            [{"entity_type":"contact","name":"Lachlan Reid","email":"lachlan@example.com","birthday":"1950-03-01"},
             {"entity_type":"contact","name":"Lachlan Reid","email":"reid.l@example.com","birthday":"1960-07-09"}]
            """);
        var (older, younger) = (stored.Entities[0].EntityId, stored.Entities[1].EntityId);
        await _strata.Services.Corrections.CorrectAsync(user, younger, "title", Json("\"pilot\""), "he told me", None);
        var merge = await _strata.Services.Merges.MergeAsync(user, younger, older, "looked the same", None);
        await _strata.Services.Corrections.CorrectAsync(user, older, "company", Json("\"Reid & Sons\""), "after the merge", None);
        var mergedSnapshot = await SnapshotAsync(user, older);
        Assert.Equal("pilot", mergedSnapshot.Fields["title"].GetString());

        var undone = await _strata.Services.Splits.UnmergeAsync(user, merge.MergeId, "two people", None);

        Assert.Equal(merge.MergeId, undone.MergeId);
        Assert.Equal((older, younger), (undone.FromEntityId, undone.ToEntityId));
        Assert.Equal(2, undone.ObservationsMoved); // the younger's record and the correction made on it
        var olderNow = await SnapshotAsync(user, older);
        var youngerNow = await SnapshotAsync(user, younger);
        Assert.Null(youngerNow.RedirectedFrom);
        Assert.Null(youngerNow.MergedInto);
        Assert.Equal("1950-03-01", olderNow.Fields["birthday"].GetString());
        Assert.Equal("1960-07-09", youngerNow.Fields["birthday"].GetString());
        Assert.Equal("pilot", youngerNow.Fields["title"].GetString());
        Assert.False(olderNow.Fields.ContainsKey("title"));
        Assert.Equal("Reid & Sons", olderNow.Fields["company"].GetString());
        Assert.False(youngerNow.Fields.ContainsKey("company"));
        Assert.Single(_strata.Rows("SELECT id FROM entity_splits WHERE user_id = @user AND merge_id = @merge", new { user, merge = merge.MergeId }));

        // A later record of the younger one finds him by his own email again, not the entity he was merged into.
        var later = await _strata.StoreAsync(user, """[{"entity_type":"contact","email":"reid.l@example.com","phone":"555 0100"}]""");
        Assert.Equal(younger, later.Entities[0].EntityId);

        var again = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Splits.UnmergeAsync(user, merge.MergeId, null, None));
        Assert.Equal(ErrorCodes.ValidationFailed, again.Code);
        Assert.Contains("already undone", again.Message);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task SplittingBySourceMovesThatSourcesObservationsToAnEntityOfItsOwnAndUnmergeOfNoMergeIsNotFound(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        // Two sources say "Sam Lee" with nothing else: the name alone joins them into one entity.
        var first = await _strata.StoreAsync(user, """[{"entity_type":"contact","name":"Sam Lee","title":"nurse","address":"1 High St"}]""");
        var second = await _strata.StoreAsync(user, """[{"entity_type":"contact","name":"Sam Lee","company":"Acme"}]""");
        var sam = first.Entities[0].EntityId;
        Assert.Equal(sam, second.Entities[0].EntityId);
        await _strata.Services.Corrections.CorrectAsync(user, sam, "title", Json("\"head nurse\""), null, None);
        var before = _strata.Fingerprint();

        var split = await _strata.Services.Splits.SplitAsync(user, sam, new SplitSelection(SourceIds: [second.SourceId]), "the one at Acme is another Sam", None);

        Assert.Equal(sam, split.FromEntityId);
        Assert.NotEqual(sam, split.ToEntityId);
        Assert.Equal(1, split.ObservationsMoved);
        Assert.Null(split.MergeId);
        var stays = await SnapshotAsync(user, sam);
        var other = await SnapshotAsync(user, split.ToEntityId);
        Assert.Equal("head nurse", stays.Fields["title"].GetString());
        Assert.False(stays.Fields.ContainsKey("company"));
        Assert.Equal("Acme", other.Fields["company"].GetString());
        Assert.False(other.Fields.ContainsKey("title"));
        Assert.NotEqual(before, _strata.Fingerprint());

        var unknown = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Splits.UnmergeAsync(user, "mrg_000000000000000000000000", null, None));
        Assert.Equal(ErrorCodes.MergeNotFound, unknown.Code);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ASplitThatChoosesNothingOrEverythingOrSomeoneElsesEntityIsRefusedAndChangesNothing(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await _strata.UserAsync("alice");
        var bob = await _strata.UserAsync("bob");
        var stored = await _strata.StoreAsync(alice, """[{"entity_type":"contact","name":"Ada Lovelace","email":"ada@example.com"}]""");
        var ada = stored.Entities[0].EntityId;
        var before = _strata.Fingerprint();

        async Task<StrataException> Refused(string user, string entity, SplitSelection selection) =>
            await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Splits.SplitAsync(user, entity, selection, null, None));

        var empty = await Refused(alice, ada, new SplitSelection());
        var notHers = await Refused(alice, ada, new SplitSelection(ObservationIds: ["obs_000000000000000000000000"]));
        var everything = await Refused(alice, ada, new SplitSelection(ObservationIds: [stored.Entities[0].ObservationId]));
        var bobs = await Refused(bob, ada, new SplitSelection(ObservationIds: [stored.Entities[0].ObservationId]));
        var missing = await Refused(bob, "ent_000000000000000000000000", new SplitSelection(ObservationIds: [stored.Entities[0].ObservationId]));

        Assert.Equal(ErrorCodes.ValidationFailed, empty.Code);
        Assert.Contains("observation_ids, source_ids or run_ids", empty.Message);
        Assert.Equal(ErrorCodes.ValidationFailed, notHers.Code);
        Assert.Contains($"obs_000000000000000000000000 is not an observation of {ada}", notHers.Message);
        Assert.Equal(ErrorCodes.ValidationFailed, everything.Code);
        Assert.Contains("every observation", everything.Message);
        Assert.Equal(ErrorCodes.EntityNotFound, bobs.Code);
        Assert.Equal(missing.Message.Replace("ent_000000000000000000000000", "<id>"), bobs.Message.Replace(ada, "<id>"));
        Assert.Equal(before, _strata.Fingerprint());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ReresolutionAfterAScheduledDistinguishingFieldSplitsWhatItWouldHaveKeptApartAndADryRunChangesNothing(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        // A member list identified by member number alone: two people were folded under one number.
        await _strata.Services.Schemas.RegisterAsync(user, Json("""
            {"entity_type":"member","fields":{"number":{"type":"string"},"name":{"type":"string"},"born":{"type":"date"}},
             "canonical_name":["name"],"identity":{"keys":[["number"]]}}
            """), None);
        var stored = await _strata.StoreAsync(user, """
            [{"entity_type":"member","number":"17","name":"Alicia Reid","born":"1982-04-27"},
             {"entity_type":"member","number":"17","name":"Alicia Reid","born":"1946-07-29"},
             {"entity_type":"member","number":"18","name":"Grace Hopper","born":"1906-12-09"}]
            """);
        var folded = stored.Entities[0].EntityId;
        Assert.Equal(folded, stored.Entities[1].EntityId);
        await _strata.Services.Schemas.RegisterAsync(user, Json("""
            {"entity_type":"member","fields":{"number":{"type":"string"},"name":{"type":"string"},"born":{"type":"date"}},
             "canonical_name":["name"],"identity":{"keys":[["number"]],"distinguishing":["born"]}}
            """), None);
        var before = _strata.Fingerprint();

        var dryRun = await _strata.Services.Reresolution.ReresolveAsync(user, "member", dryRun: true, None);

        Assert.True(dryRun.DryRun);
        Assert.Equal(2, dryRun.EntitiesExamined);
        var planned = Assert.Single(dryRun.Moves);
        Assert.Equal(("split", folded, 1), (planned.Action, planned.EntityId, planned.ObservationsMoved));
        Assert.Equal(before, _strata.Fingerprint());

        var done = await _strata.Services.Reresolution.ReresolveAsync(user, "member", dryRun: false, None);

        var move = Assert.Single(done.Moves);
        Assert.NotNull(move.ToEntityId);
        Assert.Equal("1982-04-27", (await SnapshotAsync(user, folded)).Fields["born"].GetString());
        Assert.Equal("1946-07-29", (await SnapshotAsync(user, move.ToEntityId!)).Fields["born"].GetString());
        Assert.Empty((await _strata.Services.Reresolution.ReresolveAsync(user, "member", dryRun: true, None)).Moves);
        // A later record of the member born in 1946 now finds her, under the new declaration.
        var later = await _strata.StoreAsync(user, """[{"entity_type":"member","number":"17","born":"1946-07-29","name":"A. Reid"}]""");
        Assert.Equal(move.ToEntityId, later.Entities[0].EntityId);
    }

    private async Task<SnapshotView> SnapshotAsync(string user, string entityId) =>
        await _strata.Services.Entities.GetSnapshotAsync(user, entityId, null, None);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    public void Dispose() => _strata?.Dispose();
}
