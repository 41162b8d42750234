using System.Text.Json;
using Strata.Core.Entities.Identity;
using Strata.Core.Errors;
using Strata.Core.Schemas;

namespace Strata.Core.Tests;

/// <summary>Identity declarations are checked with clear errors, and values are normalised per type before keys compare.</summary>
public sealed class IdentityKeyRuleTests
{
    private static SchemaDefinition Member(IdentityDeclaration identity) => new("member", new Dictionary<string, FieldDefinition>
    {
        ["number"] = new(FieldTypes.String),
        ["born"] = new(FieldTypes.Date),
        ["tags"] = new(FieldTypes.Array),
    }, ["number"], Identity: identity);

    [Fact]
    public void AWellFormedIdentityPassesAndEachFlawIsNamed()
    {
        Assert.Null(Record.Exception(() => SchemaValidator.Validate(Member(new([["number"]], [["number", "born"]], ["born"])))));

        string Refusal(IdentityDeclaration identity)
        {
            var refused = Assert.Throws<StrataException>(() => SchemaValidator.Validate(Member(identity)));
            Assert.Equal(ErrorCodes.ValidationFailed, refused.Code);
            return refused.Message;
        }

        Assert.Contains("identity.keys[0] is empty", Refusal(new([[]])));
        Assert.Contains("identity.keys[1] names 'email', which is not a declared field", Refusal(new([["number"], ["email"]])));
        Assert.Contains("identity.last_resort[0] names 'tags', an array field", Refusal(new([["number"]], [["tags"]])));
        Assert.Contains("identity.distinguishing names 'height'", Refusal(new([["number"]], null, ["height"])));
        Assert.Contains("identity.keys[0] names a field twice", Refusal(new([["number", "number"]])));
    }

    [Fact]
    public void EveryBuiltInIdentityIsValidAndDistinguishesAContactByBirthday()
    {
        Assert.All(BuiltInSchemas.All.Where(s => s.EntityType != BuiltInSchemas.Generic), s => SchemaValidator.Validate(s));
        var contact = BuiltInSchemas.All.Single(s => s.EntityType == "contact");
        Assert.Equal(["birthday"], IdentityDeclaration.Of(contact).EffectiveDistinguishing);
        Assert.Equal(["email"], IdentityDeclaration.Of(contact).Keys[0]);
    }

    [Theory]
    [InlineData("amount", "number", "-50", "-50")]
    [InlineData("amount", "number", "-50.0", "-50")]
    [InlineData("amount", "number", "\"-50.00\"", "-50")]
    [InlineData("amount", "number", "50", "50")]
    [InlineData("amount", "number", "-0.0", "0")]
    [InlineData("email", "string", "\" Ada@Example.COM \"", "ada@example.com")]
    [InlineData("phone", "string", "\"+44 (20) 7946-0000\"", "442079460000")]
    [InlineData("phone", "string", "\"n/a\"", null)]
    [InlineData("name", "string", "\"Dr. José O'Brien\"", "jose obrien")]
    [InlineData("description", "string", "\"-50 refund\"", "-50 refund")]
    [InlineData("name", "string", "\"  \"", null)]
    public void ValuesAreNormalisedByTypeBeforeKeysCompare(string field, string type, string json, string? expected)
    {
        var value = JsonDocument.Parse(json).RootElement;

        Assert.Equal(expected, IdentityValues.Normalize(field, new FieldDefinition(type), value));
    }

    [Fact]
    public void ARecordIsIdentifiedByItsCompleteKeysInOrderAndNeverByAPartialOne()
    {
        var contact = BuiltInSchemas.All.Single(s => s.EntityType == "contact");
        var fields = new Dictionary<string, JsonElement>
        {
            ["given_name"] = JsonDocument.Parse("\"Lachlan\"").RootElement,
            ["family_name"] = JsonDocument.Parse("\"Reid\"").RootElement,
            ["phone"] = JsonDocument.Parse("\"\"").RootElement,
        };

        var identity = RecordIdentity.Of(contact, fields, fields);

        var key = Assert.Single(identity.Keys);
        Assert.Equal("given_name=lachlan|family_name=reid", key.Text);
        Assert.True(key.LastResort);
        Assert.StartsWith("content=", identity.ContentKey);
    }

    [Fact]
    public void AContentKeyIsTheHashOfTheContentWithSortedKeysWhateverOrderItCameIn()
    {
        var contact = BuiltInSchemas.All.Single(s => s.EntityType == "contact");
        var content = new Dictionary<string, JsonElement>
        {
            ["note"] = JsonDocument.Parse("\"Café, \\\"quoted\\\" <b>\"").RootElement,
            ["extra"] = JsonDocument.Parse("{\"z\": [1, 2.50, null], \"a\": true}").RootElement,
        };

        var identity = RecordIdentity.Of(contact, new Dictionary<string, JsonElement>(), content);

        Assert.Equal("content=" + Strata.Core.Hashing.Sha256Hex.Of("""{"extra":{"a":true,"z":[1,2.50,null]},"note":"Café, \"quoted\" <b>"}"""),
            identity.ContentKey);
    }
}
