using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Operations;

namespace Strata.Acceptance.Tests;

/// <summary>The duplicate scan on Febrl people: field-by-field scores with reasons, blocking instead of all pairs,
/// incremental rescans, and the auto-merge threshold.</summary>
public sealed class DuplicateScoringTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Ingests the people; returns the person each entity holds records of.</summary>
    private async Task<Dictionary<string, HashSet<string>>> IngestAsync(string user, IEnumerable<FebrlSample.Person> people)
    {
        var personsOf = new Dictionary<string, HashSet<string>>();
        foreach (var batch in people.Chunk(250))
        {
            var stored = await _strata.StoreAsync(user, FebrlSample.Batch(batch));
            foreach (var (entity, person) in stored.Entities.Zip(batch))
            {
                (personsOf.TryGetValue(entity.EntityId, out var set) ? set : personsOf[entity.EntityId] = []).Add(person.PersonId);
            }
        }
        return personsOf;
    }

    private async Task<List<DuplicateView>> AllPairsAsync(string user, string type = "contact")
    {
        var pairs = new List<DuplicateView>();
        string? cursor = null;
        do
        {
            var page = await _strata.Services.Duplicates.ListPotentialDuplicatesAsync(user, type, false, new Paging(Paging.MaxLimit, Cursor: cursor), None);
            pairs.AddRange(page.Duplicates);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return pairs;
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AScanOfFebrlPeopleFindsTheKnownDuplicatesAndNoOtherPairWithDifferentBirthDates(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var personsOf = await IngestAsync(user, FebrlSample.Read());

        var scan = await _strata.Services.Duplicates.ScanAsync(user, None);
        var pairs = await AllPairsAsync(user);

        // The true pairs: two entities holding records of one person.
        var entities = personsOf.Keys.ToList();
        var byPerson = personsOf.SelectMany(e => e.Value.Select(p => (Person: p, Entity: e.Key))).GroupBy(x => x.Person)
            .Select(g => g.Select(x => x.Entity).Distinct().Order(StringComparer.Ordinal).ToList()).Where(g => g.Count > 1).ToList();
        var truePairs = byPerson.SelectMany(g => g.SelectMany((a, i) => g.Skip(i + 1).Select(b => (a, b)))).ToHashSet();
        bool IsOne(DuplicateView p) => personsOf[p.EntityA.EntityId].Overlaps(personsOf[p.EntityB.EntityId]);
        var correct = pairs.Count(IsOne);

        Assert.Equal(entities.Count, scan.EntitiesScanned);
        Assert.True(scan.PairsCompared < entities.Count * 20, $"{scan.PairsCompared} pairs compared for {entities.Count} entities: blocking should keep it near-linear");
        Assert.True(correct >= 0.93 * truePairs.Count, $"found {correct} of {truePairs.Count} true pairs");
        Assert.True(correct >= 0.97 * pairs.Count, $"{pairs.Count - correct} of {pairs.Count} suggested pairs are two people");
        Assert.All(pairs, p => Assert.True(p.Score >= 0.95));
        var wrongWithOtherBirthday = pairs.Where(p => !IsOne(p) && p.Reasons.TryGetValue("birthday", out var b) && b.ValueKind == JsonValueKind.String
            && b.GetString() == "disagree").ToList();
        Assert.Empty(wrongWithOtherBirthday);
        Assert.Equal(pairs.OrderByDescending(p => p.Score).Select(p => p.Score), pairs.Select(p => p.Score));
    }

    /// <summary>Done as a new user would: the Febrl file as it is, columns named surname, date_of_birth, suburb… (the
    /// contact schema's aliases), values with the spaces after each comma, and the address in parts.</summary>
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AFebrlFileIngestedAsItIsMixesNobodyAndItsSuggestionsAreNearlyAllRightAndNearlyComplete(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "febrl", "dataset1.csv"));
        var personOfRow = lines.Skip(1).Select(line => line.Split(',')[0].Trim().Split('-')[1]).ToList();

        var ingested = await _strata.IngestTextAsync(user, "dataset1.csv", string.Join('\n', lines), type: "contact");
        Assert.Equal("completed", (await _strata.RunAsync(user, ingested.Interpretation.RunId!)).Status);
        var personsOf = new Dictionary<string, HashSet<string>>();
        var rowsLanded = 0;
        string? cursor = null;
        do
        {
            var page = await _strata.Services.Entities.RetrieveAsync(user, "contact", null, false, false, new Paging(Paging.MaxLimit, 0, cursor), None);
            foreach (var entity in page.Entities)
            {
                var observations = await _strata.Services.Entities.ListObservationsAsync(user, entity.EntityId, new Paging(Paging.MaxLimit), None);
                personsOf[entity.EntityId] = observations.Observations.Select(o => personOfRow[int.Parse(o.Locator["row:".Length..]) - 1]).ToHashSet();
                rowsLanded += observations.Observations.Count;
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.DoesNotContain(personsOf, e => e.Value.Count > 1);
        Assert.Equal(lines.Length - 1, rowsLanded);
        await _strata.Services.Duplicates.ScanAsync(user, None);
        var suggested = (await AllPairsAsync(user)).Where(p => p.Score >= 0.95).ToList();
        var truePairs = personsOf.SelectMany(e => e.Value.Select(p => (Person: p, Entity: e.Key))).GroupBy(x => x.Person)
            .Sum(g => g.Count() * (g.Count() - 1) / 2);
        var correct = suggested.Count(p => personsOf[p.EntityA.EntityId].Overlaps(personsOf[p.EntityB.EntityId]));
        Assert.True(correct >= 0.97 * suggested.Count, $"{suggested.Count - correct} of {suggested.Count} suggested pairs are two people");
        Assert.True(correct >= 0.93 * truePairs, $"found {correct} of {truePairs} true pairs");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AScanAfterANewEntityComparesOnlyThatEntityWithItsBlocks(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var people = FebrlSample.Read();
        var original = people.First(p => p.RecordId.EndsWith("-org", StringComparison.Ordinal) && people.Any(d => d.PersonId == p.PersonId && d != p));
        var duplicate = people.First(p => p.PersonId == original.PersonId && p != original);
        var personsOf = await IngestAsync(user, people.Where(p => p != duplicate).Take(400).Append(original).Distinct());
        var first = await _strata.Services.Duplicates.ScanAsync(user, None);

        var added = (await _strata.StoreAsync(user, FebrlSample.Batch([duplicate]))).Entities.Single().EntityId;
        var second = await _strata.Services.Duplicates.ScanAsync(user, None);
        var third = await _strata.Services.Duplicates.ScanAsync(user, None);

        Assert.Equal(personsOf.Count, first.EntitiesScanned);
        Assert.Equal(1, second.EntitiesScanned);
        Assert.InRange(second.PairsCompared, 1, 30);
        Assert.True(first.PairsCompared > 10 * second.PairsCompared, $"first scan {first.PairsCompared} pairs, second {second.PairsCompared}");
        Assert.Equal((0, 0), (third.EntitiesScanned, third.PairsCompared));
        var pairs = await AllPairsAsync(user);
        Assert.Contains(pairs, p => p.EntityA.EntityId == added || p.EntityB.EntityId == added);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ASchemasAutoMergeThresholdMergesTheSurePairsWithAnAuditRowAndLeavesTheRestSuggested(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        await _strata.Services.Schemas.RegisterAsync(user, JsonDocument.Parse("""
            {"entity_type":"member","fields":{"given_name":{"type":"string"},"family_name":{"type":"string"},
             "birthday":{"type":"date"},"email":{"type":"string"}},"canonical_name":["email"],
             "duplicates":{"fields":{"given_name":{"comparator":"name"},"family_name":{"comparator":"name"},
               "birthday":{"comparator":"date","m":0.95,"u":0.0001}},"swap":["given_name","family_name"],"threshold":0.9,"auto_merge_threshold":0.9999}}
            """).RootElement, None);
        var stored = await _strata.StoreAsync(user, """
            [{"entity_type":"member","given_name":"grace","family_name":"hopper","birthday":"1906-12-09","email":"grace@navy.mil"},
             {"entity_type":"member","given_name":"hopper","family_name":"grace","birthday":"1906-12-09","email":"amazing.grace@example.com"},
             {"entity_type":"member","given_name":"grace","family_name":"hoper","email":"g.hopper@example.com"}]
            """);
        var ids = stored.Entities.Select(e => e.EntityId).ToList();

        var scan = await _strata.Services.Duplicates.ScanAsync(user, None);

        Assert.Equal(1, scan.AutoMerged);
        var members = await _strata.Services.Entities.RetrieveAsync(user, "member", null, includeMerged: true, false, new Paging(), None);
        var merged = Assert.Single(members.Entities, e => e.MergedInto is not null);
        Assert.Contains(merged.EntityId, ids.Take(2));
        await using (var session = await _strata.Services.Store.OpenReadAsync(user, None))
        {
            var audit = Assert.Single(await session.Entities.ListMergesAsync(merged.EntityId, None));
            Assert.StartsWith("auto-merge: duplicate score", audit.Reason);
        }
        // The name-only pair is suggested, not merged: it is below the auto-merge threshold.
        var left = Assert.Single(await AllPairsAsync(user, "member"));
        Assert.Contains(ids[2], new[] { left.EntityA.EntityId, left.EntityB.EntityId });
    }

    public void Dispose() => _strata?.Dispose();
}
