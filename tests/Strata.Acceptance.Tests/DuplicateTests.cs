using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;

namespace Strata.Acceptance.Tests;

public sealed class DuplicateTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task SimilarNamesOfOneTypeArePairedWithTheirScoreAndReasonsButNeverMerged(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var alice = await _strata.UserAsync("alice");
        var bob = await _strata.UserAsync("bob");
        var stored = await _strata.StoreAsync(alice, """
            [{"entity_type": "contact", "name": "Jonathan Smith"},
             {"entity_type": "contact", "name": "Jonathon Smith"},
             {"entity_type": "contact", "name": "Grace Hopper"},
             {"entity_type": "company", "name": "Jonathan Smith"}]
            """);
        await _strata.StoreAsync(bob, """[{"entity_type": "contact", "name": "Jonathan Smyth"}]""");

        var scan = await _strata.Services.Duplicates.ScanAsync(alice, None);

        Assert.Equal((1, 1), (scan.PairsFound, scan.NewPairs));
        var pair = Assert.Single((await _strata.Services.Duplicates.ListPotentialDuplicatesAsync(alice, null, false, new Paging(), None)).Duplicates);
        Assert.Equal("contact", pair.EntityType);
        Assert.Equal(
            new[] { stored.Entities[0].EntityId, stored.Entities[1].EntityId }.Order(StringComparer.Ordinal),
            [pair.EntityA.EntityId, pair.EntityB.EntityId]);
        Assert.InRange(pair.Score, 0.95, 1);
        Assert.InRange(pair.Reasons["name"].GetDouble(), 0.95, 0.99);
        Assert.Equal("pending", pair.Status);
        Assert.Empty((await _strata.Services.Duplicates.ListPotentialDuplicatesAsync(bob, null, true, new Paging(), None)).Duplicates);
        var contacts = await _strata.Services.Entities.RetrieveAsync(alice, "contact", null, includeMerged: true, false, new Paging(), None);
        Assert.All(contacts.Entities, e => Assert.Null(e.MergedInto));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ADismissedPairStaysDismissedAndAMergedPairIsNoLongerListed(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var user = await _strata.UserAsync("alice");
        var stored = await _strata.StoreAsync(user, """
            [{"entity_type": "contact", "name": "Ada Lovelace"},
             {"entity_type": "contact", "name": "Ada Lovelase"},
             {"entity_type": "contact", "name": "Ada Lovelaze"}]
            """);
        await _strata.Services.Duplicates.ScanAsync(user, None);
        var pairs = (await _strata.Services.Duplicates.ListPotentialDuplicatesAsync(user, null, false, new Paging(), None)).Duplicates;
        Assert.Equal(3, pairs.Count);
        var first = pairs[0];

        var dismissed = await _strata.Services.Duplicates.DismissAsync(user, first.EntityB.EntityId, first.EntityA.EntityId, None);
        var unchanged = await _strata.Services.Duplicates.ScanAsync(user, None);
        // A change to one of the pair makes the next scan compare it again: the pair is found, and stays dismissed.
        await _strata.Services.Corrections.CorrectAsync(user, first.EntityA.EntityId, "title", System.Text.Json.JsonSerializer.SerializeToElement("Countess"), "peerage", None);
        var rescan = await _strata.Services.Duplicates.ScanAsync(user, None);

        Assert.Equal("dismissed", dismissed.Status);
        Assert.Equal((0, 0, 0), (unchanged.EntitiesScanned, unchanged.PairsCompared, unchanged.PairsFound));
        Assert.Equal((1, 2, 0), (rescan.EntitiesScanned, rescan.PairsFound, rescan.NewPairs));
        var pending = (await _strata.Services.Duplicates.ListPotentialDuplicatesAsync(user, null, false, new Paging(), None)).Duplicates;
        Assert.Equal(2, pending.Count);
        Assert.DoesNotContain(pending, p => p.EntityA.EntityId == first.EntityA.EntityId && p.EntityB.EntityId == first.EntityB.EntityId);
        var all = await _strata.Services.Duplicates.ListPotentialDuplicatesAsync(user, null, true, new Paging(), None);
        Assert.Equal("dismissed", all.Duplicates.Single(p => p.EntityA.EntityId == first.EntityA.EntityId && p.EntityB.EntityId == first.EntityB.EntityId).Status);

        await _strata.Services.Merges.MergeAsync(user, stored.Entities[2].EntityId, stored.Entities[0].EntityId, "same person", None);
        var afterMerge = await _strata.Services.Duplicates.ListPotentialDuplicatesAsync(user, null, true, new Paging(), None);
        Assert.All(afterMerge.Duplicates, p => Assert.DoesNotContain(stored.Entities[2].EntityId, new[] { p.EntityA.EntityId, p.EntityB.EntityId }));
        var missing = await Assert.ThrowsAsync<StrataException>(() =>
            _strata.Services.Duplicates.DismissAsync(user, stored.Entities[2].EntityId, stored.Entities[0].EntityId, None));
        Assert.Equal(ErrorCodes.DuplicateNotFound, missing.Code);
    }

    /// <summary>Four scans of one user at once (a worker's and people's): each entity ends keyed once, every key listed by
    /// its entity's marker (so the next change replaces all of them), and the pairs are those one scan finds of the same
    /// records alone.</summary>
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ScansRunningAtOnceKeyEveryEntityOnceAndFindThePairsOneScanFinds(string backend)
    {
        _strata = new TestStrata(backend: backend);
        string[] given = ["Jonathan", "Margaret", "Elizabeth", "Christopher", "Alexander", "Victoria", "Benjamin", "Catherine",
            "Frederick", "Josephine", "Nathaniel", "Rosalind", "Theodore", "Genevieve", "Sebastian", "Penelope", "Maximilian",
            "Gwendolyn", "Bartholomew", "Wilhelmina"];
        string[] family = ["Smith", "Okafor", "Nakamura", "Lindqvist", "Castellanos", "Abernathy", "Villanueva", "Kowalczyk", "Ferreira", "Osei"];
        var names = given.SelectMany(g => family.Select(f => $"{g} {f}"))
            .Concat(["Jonathon Smith", "Margret Okafor", "Elisabeth Nakamura", "Cristopher Lindqvist", "Alexandre Castellanos"]).ToList();
        var records = System.Text.Json.JsonSerializer.Serialize(names.Select(n => new { entity_type = "contact", name = n }));
        var alice = await _strata.UserAsync("alice");
        var carol = await _strata.UserAsync("carol");
        await _strata.StoreAsync(alice, records);
        await _strata.StoreAsync(carol, records);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _strata.Services.Duplicates.ScanAsync(alice, None))));
        await _strata.Services.Duplicates.ScanAsync(carol, None);

        async Task<List<string>> PairsOf(string user) =>
            (await _strata.Services.Duplicates.ListPotentialDuplicatesAsync(user, null, true, new Paging(Limit: 500), None)).Duplicates
                .Select(p => string.Join(" / ", new[] { p.EntityA.CanonicalName, p.EntityB.CanonicalName }.Order(StringComparer.Ordinal)) + $" {p.Score}")
                .Order(StringComparer.Ordinal).ToList();
        var once = await PairsOf(carol);
        Assert.NotEmpty(once);
        Assert.Equal(once, await PairsOf(alice));
        Assert.Empty(EntityOrphans.Of(_strata));
        // Nothing is left to key: every entity's marker names its snapshot.
        var again = await _strata.Services.Duplicates.ScanAsync(alice, None);
        Assert.Equal(0, again.EntitiesScanned);
    }

    public void Dispose() => _strata?.Dispose();
}
