using System.Text.Json;
using Strata.Core.Observations;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;

namespace Strata.Core.Tests;

public sealed class ReducerTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly SchemaDefinition Schema = new("thing", new Dictionary<string, FieldDefinition>
    {
        ["name"] = new(FieldTypes.String),
        ["nickname"] = new(FieldTypes.String, Policy: MergePolicies.LastWrite),
        ["tags"] = new(FieldTypes.Array, Policy: MergePolicies.MergeArray),
        ["title"] = new(FieldTypes.String, Policy: MergePolicies.MostSpecific),
    }, ["name"]);

    private static Observation Obs(string id, int priority, int minutes, string json, string state = ObservationStates.Accepted) =>
        new(id, "u", "e", null, null, "test", id, priority, state,
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!, null, T0.AddMinutes(minutes), T0.AddMinutes(minutes));

    [Fact]
    public void HighestPriorityWinsThenTheLatest()
    {
        var (fields, provenance) = Reducer.Reduce(Schema, [
            Obs("a", 100, 0, """{"name": "structured"}"""),
            Obs("b", 0, 5, """{"name": "interpreted later"}"""),
            Obs("c", 100, 3, """{"name": "structured later"}"""),
        ]);

        Assert.Equal("structured later", fields["name"].GetString());
        Assert.Equal("c", provenance["name"]);
    }

    [Fact]
    public void AtTheSamePriorityAndTimeTheObservationGivenLastWinsWhicheverThePolicy()
    {
        var (fields, provenance) = Reducer.Reduce(Schema, [
            Obs("a", 100, 3, """{"name": "first", "nickname": "first"}"""),
            Obs("b", 100, 3, """{"name": "second", "nickname": "second"}"""),
            Obs("c", 100, 1, """{"name": "earlier", "nickname": "earlier"}"""),
            Obs("d", 0, 3, """{"name": "lower"}"""),
        ]);

        Assert.Equal("second", fields["name"].GetString());
        Assert.Equal("b", provenance["name"]);
        Assert.Equal("second", fields["nickname"].GetString());
        Assert.Equal("b", provenance["nickname"]);
    }

    [Fact]
    public void LastWriteTakesTheLatestWhateverItsPriorityButNotOverACorrection()
    {
        var (fields, _) = Reducer.Reduce(Schema, [
            Obs("a", 100, 0, """{"nickname": "first"}"""),
            Obs("b", 0, 5, """{"nickname": "latest"}"""),
        ]);
        Assert.Equal("latest", fields["nickname"].GetString());

        var (corrected, provenance) = Reducer.Reduce(Schema, [
            Obs("a", 1000, 0, """{"nickname": "corrected"}"""),
            Obs("b", 0, 5, """{"nickname": "latest"}"""),
        ]);
        Assert.Equal("corrected", corrected["nickname"].GetString());
        Assert.Equal("a", provenance["nickname"]);
    }

    [Fact]
    public void MergeArrayUnitesEveryObservedArrayWithoutDuplicates()
    {
        var (fields, provenance) = Reducer.Reduce(Schema, [
            Obs("a", 0, 0, """{"tags": ["x", "y"]}"""),
            Obs("b", 100, 1, """{"tags": ["y", "z"]}"""),
            Obs("c", 0, 2, """{"tags": "w"}"""),
        ]);

        Assert.Equal(["x", "y", "z", "w"], fields["tags"].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("c", provenance["tags"]);
    }

    [Fact]
    public void MostSpecificPrefersTheValueWithMoreInformation()
    {
        var (fields, _) = Reducer.Reduce(Schema, [
            Obs("a", 100, 5, """{"title": "Dr"}"""),
            Obs("b", 0, 0, """{"title": "Doctor of Philosophy"}"""),
        ]);

        Assert.Equal("Doctor of Philosophy", fields["title"].GetString());
    }

    [Fact]
    public void StagedAndRejectedObservationsAndUndeclaredFieldsNeverReachTheSnapshot()
    {
        var (fields, _) = Reducer.Reduce(Schema, [
            Obs("a", 0, 0, """{"name": "accepted", "colour": "green"}"""),
            Obs("b", 1000, 1, """{"name": "staged"}""", ObservationStates.Staged),
            Obs("c", 1000, 2, """{"name": "rejected"}""", ObservationStates.Rejected),
        ]);

        Assert.Equal("accepted", fields["name"].GetString());
        Assert.False(fields.ContainsKey("colour"));
    }

    [Fact]
    public void AnExplicitNullThatWinsClearsTheField()
    {
        var (fields, provenance) = Reducer.Reduce(Schema, [
            Obs("a", 0, 0, """{"name": "Ada"}"""),
            Obs("b", 0, 1, """{"name": null}"""),
        ]);

        Assert.False(fields.ContainsKey("name"));
        Assert.False(provenance.ContainsKey("name"));
    }

    [Fact]
    public void TheSameObservationsAlwaysGiveTheSameSnapshot()
    {
        Observation[] observations = [Obs("a", 0, 0, """{"name": "A", "tags": ["1"]}"""), Obs("b", 0, 0, """{"name": "B", "tags": ["2"]}""")];

        var first = Reducer.Reduce(Schema, observations);
        var second = Reducer.Reduce(Schema, observations);

        Assert.Equal(first.Fields["name"].GetString(), second.Fields["name"].GetString());
        Assert.Equal("B", first.Fields["name"].GetString()); // equal priority and time: the later-recorded one wins
    }
}
