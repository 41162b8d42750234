using System.Text.Json;

namespace Strata.Server.Tests.Infrastructure;

/// <summary>Small real inputs every suite uses: a CSV of people, a registered type, and a structured payload.</summary>
public static class Samples
{
    public const string PeopleCsvName = "people.csv";

    public const string PeopleCsv = "name,email,birthday\nAda Lovelace,ada@example.com,1815-12-10\nAlan Turing,alan@example.com,1912-06-23\n";

    /// <summary>Alan Turing again, misspelt, with his birthday and another email: the potential duplicate a scan finds.</summary>
    public const string AlanTwin = """[{"entity_type":"contact","name":"Alan Turring","birthday":"1912-06-23","email":"a.m.turing@example.org"}]""";

    public const string BookSchema =
        """{"entity_type":"book","fields":{"title":{"type":"string"},"author":{"type":"string"},"published":{"type":"date","timeline":true}},"canonical_name":["title"],"description":"A book."}""";

    public const string BlockSchema =
        """{"schema_ref":"clause-review","properties":{"topic":{"type":"string"},"risk":{"type":"number"}},"prompt_config":{"max_blocks_per_call":5}}""";

    public const string StructuredEntities =
        """[{"entity_type":"book","title":"Sketch of the Analytical Engine","author":"Ada Lovelace","published":"1843-09-01"},{"entity_type":"contact","name":"Ada King","email":"ada.king@example.com"}]""";

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts two JSON texts say the same thing, however each side chose to escape or space it.</summary>
    public static void AssertSameJson(string expected, string actual) =>
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected), System.Text.Json.Nodes.JsonNode.Parse(actual)),
            $"The JSON differs.\nexpected: {expected}\nactual:   {actual}");

    public static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
}
