using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Schemas;
using Strata.Core.Snapshots;

namespace Strata.Core.Tests;

public sealed class DisplayNameRuleTests
{
    private static readonly SchemaDefinition Contact = BuiltInSchemas.All.Single(s => s.EntityType == "contact");

    private static Dictionary<string, JsonElement> Fields(string json) =>
        JsonSerializer.Deserialize(json, CoreJsonContext.Default.DictionaryStringJsonElement)!;

    [Theory]
    [InlineData("""{"name": "Ada Lovelace", "email": "ada@example.com", "title": "Analyst"}""", "Ada Lovelace")]
    [InlineData("""{"given_name": "Grace", "family_name": "Hopper", "email": "grace@example.org", "title": "Admiral"}""", "Grace Hopper")]
    [InlineData("""{"email": "grace@example.org", "title": "Admiral"}""", "grace@example.org")]
    [InlineData("""{"title": "Admiral", "emails": ["a@b.c"]}""", "#0123456789abcdef")]
    public void AContactIsNamedByItsNameThenItsIdentityNeverItsJobTitle(string fields, string expected) =>
        Assert.Equal(expected, DisplayNames.Of(Contact, Fields(fields), "#0123456789abcdef"));

    [Fact]
    public void ASchemaWithoutDisplayRulesIsNamedByItsCanonicalRulesOverItsCurrentFields()
    {
        var book = new SchemaDefinition("book", new Dictionary<string, FieldDefinition>
        {
            ["title"] = new(FieldTypes.String), ["edition"] = new(FieldTypes.Number),
        }, ["title+edition"]);

        Assert.Equal("Sketch of the Analytical Engine | 2", DisplayNames.Of(book, Fields("""{"title": "Sketch of the Analytical Engine", "edition": 2}"""), "old name"));
    }

    [Fact]
    public void ASchemaWithoutDisplayRulesKeepsTheUidItHadBeforeDisplayRulesExisted()
    {
        var book = new SchemaDefinition("book", new Dictionary<string, FieldDefinition> { ["title"] = new(FieldTypes.String) }, ["title"]);

        var json = JsonSerializer.Serialize(book, StrataJson.Wire.SchemaDefinition);

        Assert.DoesNotContain("display_name", json);
        Assert.Contains("\"display_name\":[\"title\"]", JsonSerializer.Serialize(book with { DisplayName = ["title"] }, StrataJson.Wire.SchemaDefinition));
    }

    [Fact]
    public void ADisplayRuleNamingAnUndeclaredFieldIsRefused()
    {
        var book = new SchemaDefinition("book", new Dictionary<string, FieldDefinition> { ["title"] = new(FieldTypes.String) }, ["title"],
            DisplayName: ["subtitle"]);

        var failure = Assert.Throws<StrataException>(() => SchemaValidator.Validate(book));

        Assert.Equal(ErrorCodes.ValidationFailed, failure.Code);
        Assert.Contains("display_name rule 'subtitle'", failure.Message);
    }
}
