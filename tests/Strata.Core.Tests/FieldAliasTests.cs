using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Interpretation;
using Strata.Core.Schemas;

namespace Strata.Core.Tests;

/// <summary>A record may name a field by one of its aliases (a CSV's "surname"); the value lands under the field's name.</summary>
public sealed class FieldAliasTests
{
    private static readonly SchemaCatalog Catalog = new([]);

    private static ShapedRecord Contact(params (string Name, string Value)[] fields) => RecordShaper.Shape(
        new ExtractedRecord("contact", fields.ToDictionary(f => f.Name, f => JsonSerializer.SerializeToElement(f.Value)), "row 1"),
        null, Catalog);

    [Fact]
    public void AFebrlRowAsAContactFillsTheNameAndBirthdayFields()
    {
        var shaped = Contact(("given_name", "lachlan"), ("surname", "reid"), ("date_of_birth", "19500312"), ("postcode", "2600"));

        Assert.Equal("reid", shaped.Fields["family_name"].GetString());
        Assert.Equal("1950-03-12", shaped.Fields["birthday"].GetString());
        Assert.DoesNotContain(shaped.Unknown, u => u.Field is "surname" or "date_of_birth");
        Assert.Equal("lachlan | reid", shaped.CanonicalName);
    }

    [Fact]
    public void TheFieldItselfWinsOverItsAliasAndTheAliasValueIsKeptAsUnknown()
    {
        var shaped = Contact(("family_name", "reid"), ("surname", "read"));

        Assert.Equal("reid", shaped.Fields["family_name"].GetString());
        Assert.Equal("read", Assert.Single(shaped.Unknown, u => u.Field == "surname").Value.GetString());
    }

    [Fact]
    public void OfTwoAliasesOfOneFieldTheFirstListedWinsAndTheOtherIsKept()
    {
        var shaped = Contact(("last_name", "read"), ("surname", "reid"));

        Assert.Equal("reid", shaped.Fields["family_name"].GetString());
        Assert.Single(shaped.Unknown, u => u.Field == "last_name");
    }

    [Fact]
    public void AnAliasThatIsADeclaredFieldOrGivenTwiceIsRefused()
    {
        var schema = new SchemaDefinition("member", new Dictionary<string, FieldDefinition>
        {
            ["number"] = new(FieldTypes.String, Aliases: ["code", "born"]),
            ["born"] = new(FieldTypes.Date, Aliases: ["code", "Bad Name"]),
        }, ["number"]);

        var refused = Assert.Throws<StrataException>(() => SchemaValidator.Validate(schema));
        Assert.Contains("alias 'born' is a declared field itself", refused.Message);
        Assert.Contains("alias 'code' is given to both 'number' and 'born'", refused.Message);
        Assert.Contains("alias 'Bad Name' must be lower-case", refused.Message);
    }

    [Fact]
    public void AliasesAreWrittenOnlyWhenDeclaredSoOtherSchemasKeepTheirUid()
    {
        var json = JsonSerializer.Serialize(new FieldDefinition(FieldTypes.String));
        Assert.DoesNotContain("Aliases", json);
    }
}
