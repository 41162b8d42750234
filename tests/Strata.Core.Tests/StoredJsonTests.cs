using System.Text.Json;
using Strata.Core.Storage;

namespace Strata.Core.Tests;

public sealed class StoredJsonTests
{
    [Fact]
    public void Fields_read_back_as_they_were_written_whatever_their_json_kind()
    {
        var written = new Dictionary<string, JsonElement>
        {
            ["name"] = JsonElement.Parse("\"Zoë O'Brien\""),
            ["age"] = JsonElement.Parse("-36.50"),
            ["tags"] = JsonElement.Parse("""["a", {"b": [1, null]}]"""),
            ["active"] = JsonElement.Parse("false"),
            ["note"] = JsonElement.Parse("null"),
        };

        var read = StoredJson.ReadFields(StoredJson.Write(written));

        Assert.Equal(written.Keys, read.Keys);
        Assert.All(written, w => Assert.True(JsonElement.DeepEquals(w.Value, read[w.Key]), w.Key));
        Assert.Equal("-36.50", read["age"].GetRawText()); // a number keeps its digits
        Assert.Equal(JsonValueKind.Null, read["note"].ValueKind);
    }

    [Fact]
    public void A_null_map_reads_as_empty_and_a_repeated_name_keeps_its_last_value()
    {
        Assert.Empty(StoredJson.ReadFields("null"));
        Assert.Empty(StoredJson.ReadFields("{}"));
        Assert.Equal("second", StoredJson.ReadFields("""{"a": "first", "a": "second"}""")["a"].GetString());
    }
}
