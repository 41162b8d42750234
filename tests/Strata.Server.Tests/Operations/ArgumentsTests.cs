using System.Text.Json;
using Strata.Core.Errors;
using Strata.Server.Operations;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Operations;

public sealed class ArgumentsTests
{
    private static readonly IReadOnlyList<Parameter> Parameters =
    [
        new("name", ParameterType.String, "A name.", Required: true),
        new("limit", ParameterType.Integer, "A count."),
        new("flag", ParameterType.Boolean, "A switch."),
        new("value", ParameterType.Any, "Anything."),
    ];

    private static Arguments FromJson(string json) =>
        Arguments.Parse(Parameters, Samples.Json(json).EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value)).ToList(), []);

    [Fact]
    public void JSON_arguments_of_the_declared_types_are_read()
    {
        var arguments = FromJson("""{"name":"n","limit":5,"flag":true,"value":[1,"two"]}""");

        Assert.Equal("n", arguments.String("name"));
        Assert.Equal(5, arguments.Int("limit"));
        Assert.True(arguments.Bool("flag"));
        Assert.Equal(JsonValueKind.Array, arguments.Element("value")!.Value.ValueKind);
    }

    [Fact]
    public void A_null_argument_counts_as_absent()
    {
        var arguments = FromJson("""{"name":"n","limit":null}""");

        Assert.Null(arguments.Int("limit"));
    }

    [Fact]
    public void A_null_for_an_any_value_argument_is_the_value_null_not_absent()
    {
        var arguments = FromJson("""{"name":"n","value":null}""");

        Assert.Equal(JsonValueKind.Null, arguments.Element("value")!.Value.ValueKind);
    }

    [Fact]
    public void A_list_of_strings_given_as_text_is_split_at_its_commas_and_other_lists_are_refused_as_text()
    {
        IReadOnlyList<Parameter> lists =
        [
            new("ids", ParameterType.Array, "Ids.") { Items = ParameterType.String },
            new("indexes", ParameterType.Array, "Numbers.") { Items = ParameterType.Integer },
        ];

        var ids = Arguments.Parse(lists, [], [KeyValuePair.Create("ids", "doc_a, doc_b,,doc_c")]).Element("ids")!.Value;
        var refused = Assert.Throws<StrataException>(() => Arguments.Parse(lists, [], [KeyValuePair.Create("indexes", "1,2")]));

        Assert.Equal(["doc_a", "doc_b", "doc_c"], ids.EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(ErrorCodes.ValidationFailed, refused.Code);
    }

    [Fact]
    public void Text_arguments_are_converted_to_the_declared_type()
    {
        var arguments = Arguments.Parse(Parameters, [], [KeyValuePair.Create("name", "n"), KeyValuePair.Create("limit", "7"), KeyValuePair.Create("flag", "false")]);

        Assert.Equal(7, arguments.Int("limit"));
        Assert.False(arguments.Bool("flag"));
    }

    [Theory]
    [InlineData("""{"limit":1}""", "'name' is required")]
    [InlineData("""{"name":3}""", "'name' must be a string")]
    [InlineData("""{"name":"n","limit":1.5}""", "'limit' must be an integer")]
    [InlineData("""{"name":"n","flag":"yes"}""", "'flag' must be true or false")]
    [InlineData("""{"name":"n","user_id":"usr_other"}""", "Unknown argument 'user_id'")]
    public void Arguments_that_do_not_fit_are_refused_with_a_message_that_names_them(string json, string message)
    {
        var refusal = Assert.Throws<StrataException>(() => FromJson(json));

        Assert.Equal("VALIDATION_FAILED", refusal.Code);
        Assert.Contains(message, refusal.Message);
    }

    [Fact]
    public void An_argument_given_both_in_the_path_and_the_body_is_refused()
    {
        var refusal = Assert.Throws<StrataException>(() =>
            Arguments.Parse(Parameters, [KeyValuePair.Create("name", Samples.Json("\"b\""))], [KeyValuePair.Create("name", "a")]));

        Assert.Contains("more than once", refusal.Message);
    }
}
