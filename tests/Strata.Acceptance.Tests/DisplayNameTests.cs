using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Operations;

namespace Strata.Acceptance.Tests;

/// <summary>An entity is named to a person by its display name, computed from its current fields: a contact by its
/// name, never by its job title or by the email that identifies it, and never by a name its fields contradict.
/// Asserted on the wire JSON that the CLI, REST and MCP all write.</summary>
public sealed class DisplayNameTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    private static JsonElement Wire(SnapshotView view) => JsonSerializer.SerializeToElement(view, StrataJson.Wire.SnapshotView);

    private static string? Text(JsonElement view, string property) => view.GetProperty(property).GetString();

    private async Task<Dictionary<string, string>> TimelineLabelsAsync(string user) =>
        (await _strata.Services.Entities.TimelineAsync(user, null, null, null, new Paging(), None)).Events
            .ToDictionary(e => e.Date, e => e.Label);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task TheTimelineLabelsAContactByItsNameNeverByItsJobTitle(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        await _strata.StoreAsync(user, """
            [{"entity_type": "contact", "email": "ada@example.com", "name": "Ada Lovelace", "title": "Analyst", "birthday": "1815-12-10"},
             {"entity_type": "contact", "given_name": "Grace", "family_name": "Hopper", "title": "Rear Admiral", "birthday": "1906-12-09"},
             {"entity_type": "event", "uid": "evt-1", "title": "Engine demonstration", "start": "1843-07-01T10:00:00Z"}]
            """);

        var labels = await TimelineLabelsAsync(user);

        Assert.Equal("Ada Lovelace", labels["1815-12-10"]);
        Assert.Equal("Grace Hopper", labels["1906-12-09"]);
        Assert.Equal("Engine demonstration", Assert.Single(labels, l => l.Key.StartsWith("1843-07-01", StringComparison.Ordinal)).Value);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task EntitiesAreListedByTheirDisplayNameWithTheIdentityValueBeside(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        await _strata.IngestTextAsync(user, "people.csv",
            "name,email,title\nAda Lovelace,ada@example.com,Analyst\n,grace@example.org,Rear Admiral\n", type: "contact");

        var list = await _strata.Services.Entities.RetrieveAsync(user, "contact", null, false, false, new Paging(), None);

        var names = list.Entities.Select(Wire).ToDictionary(e => Text(e, "canonical_name")!, e => Text(e, "display_name"));
        Assert.Equal("Ada Lovelace", names["ada@example.com"]);
        Assert.Equal("grace@example.org", names["grace@example.org"]); // no name known: the email is the best name there is
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AMergedIntoEntityIsNamedByTheFieldsThatWonNotByTheNameItWasCreatedUnder(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var stored = await _strata.StoreAsync(user, """
            [{"entity_type": "contact", "name": "A. King"},
             {"entity_type": "contact", "name": "Augusta Ada King, Countess of Lovelace", "birthday": "1815-12-10"}]
            """);
        var (to, from) = (stored.Entities[0].EntityId, stored.Entities[1].EntityId);

        await _strata.Services.Merges.MergeAsync(user, from, to, "same person", None);

        var snapshot = Wire(await _strata.Services.Entities.GetSnapshotAsync(user, to, null, None));
        var winner = snapshot.GetProperty("fields").GetProperty("name").GetString();
        Assert.Equal("Augusta Ada King, Countess of Lovelace", winner);
        Assert.Equal(winner, Text(snapshot, "display_name"));
        Assert.Equal("A. King", Text(snapshot, "canonical_name")); // the identity its id derives from stays
        var listed = Wire(Assert.Single((await _strata.Services.Entities.RetrieveAsync(user, "contact", null, false, false, new Paging(), None)).Entities));
        Assert.Equal(winner, Text(listed, "display_name"));
        Assert.Equal(winner, (await TimelineLabelsAsync(user))["1815-12-10"]);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ACorrectedNameRenamesTheEntityEverywhereAtOnce(string backend)
    {
        _strata = TestStrata.Create(backend);
        var user = await _strata.UserAsync("alice");
        var stored = await _strata.StoreAsync(user, """
            [{"entity_type": "contact", "email": "ada@example.com", "name": "Ada Byron", "birthday": "1815-12-10"}]
            """);
        var ada = stored.Entities[0].EntityId;

        await _strata.Services.Corrections.CorrectAsync(user, ada, "name", JsonDocument.Parse("\"Ada Lovelace\"").RootElement, "married", None);

        Assert.Equal("Ada Lovelace", Text(Wire(await _strata.Services.Entities.GetSnapshotAsync(user, ada, null, None)), "display_name"));
        Assert.Equal("Ada Lovelace", (await TimelineLabelsAsync(user))["1815-12-10"]);
    }

    public void Dispose() => _strata?.Dispose();
}
