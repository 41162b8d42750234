using System.Text.Json;
using Strata.Core.Schemas;

namespace Strata.Core.Tests;

public sealed class FieldCoercionTests
{
    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Theory]
    [InlineData(FieldTypes.Number, "\"12.5\"", "12.5")]
    [InlineData(FieldTypes.Number, "7", "7")]
    [InlineData(FieldTypes.Boolean, "\"yes\"", "true")]
    [InlineData(FieldTypes.Boolean, "false", "false")]
    [InlineData(FieldTypes.Date, "\"2024-01-15T09:30:00Z\"", "\"2024-01-15\"")]
    [InlineData(FieldTypes.Date, "\"19150612\"", "\"1915-06-12\"")]
    [InlineData(FieldTypes.Datetime, "\"2024-01-15T10:30:00+01:00\"", "\"2024-01-15T09:30:00Z\"")]
    [InlineData(FieldTypes.String, "42", "\"42\"")]
    [InlineData(FieldTypes.Array, "\"solo\"", "[\"solo\"]")]
    [InlineData(FieldTypes.String, "null", "null")]
    public void ValuesWithAnUnambiguousMeaningAreBroughtToTheFieldType(string type, string input, string expected)
    {
        Assert.True(FieldCoercion.TryCoerce(J(input), new FieldDefinition(type), out var coerced));
        Assert.Equal(expected, coerced.GetRawText());
    }

    [Theory]
    [InlineData(FieldTypes.Number, "\"twelve\"")]
    [InlineData(FieldTypes.Boolean, "\"maybe\"")]
    [InlineData(FieldTypes.Date, "\"not a date\"")]
    [InlineData(FieldTypes.String, "{\"a\": 1}")]
    [InlineData(FieldTypes.Object, "[1]")]
    [InlineData(FieldTypes.Array, "{\"a\": 1}")]
    public void ValuesThatDoNotFitAreNotGuessedAt(string type, string input) =>
        Assert.False(FieldCoercion.TryCoerce(J(input), new FieldDefinition(type), out _));

    [Fact]
    public void AnEnumAcceptsOnlyItsValuesInTheirDeclaredCase()
    {
        var status = new FieldDefinition(FieldTypes.Enum, Values: ["todo", "done"]);
        Assert.True(FieldCoercion.TryCoerce(J("\"DONE\""), status, out var done));
        Assert.Equal("done", done.GetString());
        Assert.False(FieldCoercion.TryCoerce(J("\"blocked\""), status, out _));
    }
}
