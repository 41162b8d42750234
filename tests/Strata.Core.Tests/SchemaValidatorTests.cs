using Strata.Core.Errors;
using Strata.Core.Schemas;

namespace Strata.Core.Tests;

public sealed class SchemaValidatorTests
{
    private static SchemaDefinition Valid() => new("clause-review", new Dictionary<string, FieldDefinition>
    {
        ["clause"] = new(FieldTypes.String),
        ["risk"] = new(FieldTypes.Enum, Values: ["low", "high"]),
        ["signed"] = new(FieldTypes.Date, Timeline: true),
    }, ["clause"]);

    [Fact]
    public void AWellFormedSchemaPassesAndTheSameSchemaWithOneFlawDoesNot()
    {
        var flawed = Valid() with { CanonicalName = ["clause+missing"] };

        Assert.Null(Record.Exception(() => SchemaValidator.Validate(Valid())));
        Assert.Equal(ErrorCodes.ValidationFailed, Assert.Throws<StrataException>(() => SchemaValidator.Validate(flawed)).Code);
    }

    [Fact]
    public void EveryBuiltInSchemaButGenericIsValidAndIsReallyChecked()
    {
        var builtIns = BuiltInSchemas.All.Where(s => s.EntityType != BuiltInSchemas.Generic).ToList();

        Assert.NotEmpty(builtIns);
        Assert.All(builtIns, schema =>
        {
            Assert.Null(Record.Exception(() => SchemaValidator.Validate(schema)));
            // The same schema naming a field it does not have is refused: the pass above was a real check of this schema.
            var flawed = schema with { CanonicalName = [.. schema.CanonicalName, "no_such_field"] };
            Assert.Equal(ErrorCodes.ValidationFailed, Assert.Throws<StrataException>(() => SchemaValidator.Validate(flawed)).Code);
        });
    }

    [Theory]
    [InlineData("Bad Type")]
    [InlineData("generic")]
    [InlineData("")]
    public void ABadTypeNameIsRefused(string type)
    {
        var failure = Assert.Throws<StrataException>(() => SchemaValidator.Validate(Valid() with { EntityType = type }));
        Assert.Equal(ErrorCodes.ValidationFailed, failure.Code);
    }

    [Fact]
    public void EveryProblemIsNamedInOneMessage()
    {
        var bad = Valid() with
        {
            Fields = new Dictionary<string, FieldDefinition>
            {
                ["Clause"] = new("text"),
                ["risk"] = new(FieldTypes.Enum),
                ["when"] = new(FieldTypes.String, Timeline: true, Policy: "loudest"),
            },
            CanonicalName = ["clause+missing"],
        };

        var message = Assert.Throws<StrataException>(() => SchemaValidator.Validate(bad)).Message;

        Assert.Contains("'Clause'", message);
        Assert.Contains("an enum needs values", message);
        Assert.Contains("only date or datetime", message);
        Assert.Contains("policy must be one of", message);
        Assert.Contains("'missing'", message);
    }
}
