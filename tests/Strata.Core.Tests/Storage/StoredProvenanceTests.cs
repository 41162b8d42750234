using System.Text.Json;
using Strata.Core.Storage;
using Xunit;

namespace Strata.Core.Tests.Storage;

public sealed class StoredProvenanceTests
{
    private static readonly Dictionary<string, JsonElement> Fields = StoredJson.ReadFields("""{"name":"Ada","email":"ada@example.com","title":"Countess"}""");

    [Fact]
    public void One_observation_that_won_every_field_is_stored_once_and_reads_back_as_the_same_map_in_the_same_order()
    {
        var provenance = new Dictionary<string, string> { ["name"] = "obs_1", ["email"] = "obs_1", ["title"] = "obs_1" };

        var json = StoredProvenance.Write(Fields, provenance);
        var read = StoredProvenance.Read(json, Fields);

        Assert.Equal("\"obs_1\"", json);
        Assert.Equal(provenance.ToList(), read.ToList());
    }

    [Fact]
    public void Several_winners_a_field_without_a_winner_or_another_order_are_stored_as_the_whole_map()
    {
        var several = new Dictionary<string, string> { ["name"] = "obs_1", ["email"] = "obs_2", ["title"] = "obs_1" };
        var missing = new Dictionary<string, string> { ["name"] = "obs_1", ["email"] = "obs_1" };
        var reordered = new Dictionary<string, string> { ["email"] = "obs_1", ["name"] = "obs_1", ["title"] = "obs_1" };

        foreach (var provenance in new[] { several, missing, reordered })
        {
            var json = StoredProvenance.Write(Fields, provenance);
            Assert.StartsWith("{", json, StringComparison.Ordinal);
            Assert.Equal(provenance.ToList(), StoredProvenance.Read(json, Fields).ToList());
        }
    }

    [Fact]
    public void A_map_stored_before_the_single_form_existed_reads_as_it_was()
    {
        var read = StoredProvenance.Read("""{"name":"obs_1","email":"obs_1","title":"obs_1"}""", Fields);

        Assert.Equal([new("name", "obs_1"), new("email", "obs_1"), new("title", "obs_1")], read.ToList());
    }
}
