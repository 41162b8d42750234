using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Observations;
using Strata.Core.Recall;

namespace Strata.Acceptance.Tests.Recall;

/// <summary>Relations as a recall layer (kind relation), on both databases: found through their ends' names and by their own
/// words (type, inverse, property values) with no end named, returned with the observation, run and source that stated them (down to the source's characters),
/// current by default with as_of for another time, and never another user's.</summary>
public sealed class RelationRecallTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static List<JsonElement> Json(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();

    private static async Task<StoreResultIds> CarolAsync(TestStrata strata, string user)
    {
        var stored = await strata.Services.Structured.StoreAsync(user, new StoreRequest(Json("""
            [{"entity_type":"contact","name":"Carol Danvers","email":"carol@example.com"},
             {"entity_type":"contact","name":"Bob Marley","email":"bob@example.com"},
             {"entity_type":"company","name":"Analytical Engines"}]
            """), Relations: Json("""
            [{"from":0,"relation_type":"reports_to","to":1,"valid_from":"2020-01-01","properties":{"team":"archives"}},
             {"from":0,"relation_type":"works_at","to":2}]
            """)), None);
        return new StoreResultIds(stored.SourceId, stored.RunId, stored.Entities[0].EntityId, stored.Entities[1].EntityId);
    }

    private sealed record StoreResultIds(string SourceId, string RunId, string Carol, string Bob);

    private static Task<RecallAnswer> AskAsync(TestStrata strata, string user, string question, DateTimeOffset? asOf = null,
        IReadOnlyList<string>? kinds = null) =>
        strata.Services.Recall.RecallAsync(user, new RecallRequest(question, 10, kinds ?? [RecallKinds.Relation], AsOf: asOf), None);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_relation_is_found_by_its_ends_and_type_with_provenance_to_the_source_characters(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        var ids = await CarolAsync(strata, alice);

        var answer = await AskAsync(strata, alice, "Who does Carol report to?");

        var first = answer.Results[0];
        Assert.Equal(RecallKinds.Relation, first.Kind);
        Assert.Equal("Carol Danvers reports_to Bob Marley (team: archives)", first.Text);
        Assert.True(first.Scores[RecallSignals.Relation] >= 2); // "carol" and "report"
        Assert.Equal((ids.Carol, "reports_to", ids.Bob, ids.RunId, ids.SourceId),
            (first.Provenance.FromEntityId, first.Provenance.RelationType, first.Provenance.ToEntityId, first.Provenance.RunId, first.Provenance.SourceId));
        Assert.Equal(Strata.Core.Hashing.StrataIds.RelationObservation(ids.RunId, "0"), first.Provenance.ObservationId);
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), first.Provenance.ValidFrom);
        Assert.Contains($"observation {first.Provenance.ObservationId} run {ids.RunId}", answer.Context);
        // The source is the write's payload: the characters that stated the relation are in it.
        var source = await strata.Services.SourceContent.ReadAsync(alice, first.Provenance.SourceId!, 0, null, None);
        Assert.Contains("\"reports_to\"", source.Text);
        // Only Carol's other relation besides; nothing that holds no word of the question.
        Assert.Equal(["reports_to", "works_at"], answer.Results.Select(r => r.Provenance.RelationType!).ToArray());
        Assert.False(answer.Partial, string.Join(" ", answer.PartialReasons));

        // Asked without kinds, relations are searched with the other layers.
        var byDefault = await strata.Services.Recall.RecallAsync(alice, new RecallRequest("Who does Carol report to?", 10), None);
        Assert.Contains(byDefault.Results, r => r.Kind == RecallKinds.Relation && r.Provenance.RelationType == "reports_to");
        Assert.True(byDefault.Signals.ContainsKey(RecallSignals.Relation));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_ended_relation_is_left_out_now_and_found_as_of_a_time_it_held(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        var ids = await CarolAsync(strata, alice);
        var held = strata.Clock.GetUtcNow();
        strata.Clock.Advance(TimeSpan.FromDays(30));
        await strata.Services.Structured.StoreAsync(alice, new StoreRequest([], Relations: Json($$"""
            [{"from":"{{ids.Carol}}","relation_type":"reports_to","to":"{{ids.Bob}}","valid_from":"2020-01-01","valid_to":"{{strata.Clock.GetUtcNow():O}}"}]
            """)), None);
        strata.Clock.Advance(TimeSpan.FromDays(1));

        var now = await AskAsync(strata, alice, "Who does Carol report to?");
        Assert.DoesNotContain(now.Results, r => r.Provenance.RelationType == "reports_to");
        Assert.Contains(now.Results, r => r.Provenance.RelationType == "works_at");

        var then = await AskAsync(strata, alice, "Who does Carol report to?", asOf: held);
        Assert.Equal("reports_to", then.Results[0].Provenance.RelationType);
        // The relation's latest word is its end: the answer for then carries the valid_to it has now.
        Assert.NotNull(then.Results[0].Provenance.ValidTo);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_relation_is_found_by_its_own_words_and_its_inverse_without_an_end_named_and_follows_a_merge(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        var ids = await CarolAsync(strata, alice);

        // A property value and name: no entity is called "archives".
        var team = await AskAsync(strata, alice, "Which team looks after the archives?");
        var first = Assert.Single(team.Results);
        Assert.Equal("Carol Danvers reports_to Bob Marley (team: archives)", first.Text);
        Assert.Equal((ids.Carol, ids.Bob, ids.RunId), (first.Provenance.FromEntityId, first.Provenance.ToEntityId, first.Provenance.RunId));
        Assert.False(team.Partial, string.Join(" ", team.PartialReasons));

        // The inverse name of a declared type (reports_to is read "manages" from the other end), and the type's own words.
        Assert.Equal(["reports_to"], (await AskAsync(strata, alice, "Who manages someone?")).Results.Select(r => r.Provenance.RelationType!).ToArray());
        Assert.Equal(["works_at"], (await AskAsync(strata, alice, "Who employs people?")).Results.Select(r => r.Provenance.RelationType!).ToArray());
        Assert.Equal(["works_at"], (await AskAsync(strata, alice, "Where does everyone work?")).Results.Select(r => r.Provenance.RelationType!).ToArray());

        // Bob merged into another entry for him: the relation found by its words now ends at the entity he was merged into.
        var robert = (await strata.Services.Structured.StoreAsync(alice, new StoreRequest(Json("""
            [{"entity_type":"contact","name":"Robert Nesta Marley","email":"robert@example.com"}]
            """)), None)).Entities[0].EntityId;
        await strata.Services.Merges.MergeAsync(alice, ids.Bob, robert, "the same Bob", None);
        var merged = Assert.Single((await AskAsync(strata, alice, "Which team looks after the archives?")).Results);
        Assert.Equal((ids.Carol, robert), (merged.Provenance.FromEntityId, merged.Provenance.ToEntityId));
        Assert.Equal("Carol Danvers reports_to Robert Nesta Marley (team: archives)", merged.Text);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Another_users_relations_never_appear(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        var bob = await strata.UserAsync("bob");
        await CarolAsync(strata, alice);
        // Bob has a Carol of his own, with no relations: her name is found, Alice's relations are not.
        await strata.Services.Structured.StoreAsync(bob, new StoreRequest(Json("""[{"entity_type":"contact","name":"Carol Danvers","email":"c@bob.example"}]""")), None);

        var answer = await AskAsync(strata, bob, "Who does Carol Danvers report to at Analytical Engines?",
            kinds: [RecallKinds.Relation, RecallKinds.Entity]);

        var only = Assert.Single(answer.Results);
        Assert.Equal(RecallKinds.Entity, only.Kind);
        Assert.Empty((await AskAsync(strata, bob, "Carol reports_to Bob works_at")).Results);
    }
}
