using Strata.Core.Llm.Calls;
using Strata.Llm.Parsing;

namespace Strata.Llm.Tests.Parsing;

public sealed class TolerantJsonTests
{
    [Fact]
    public void Plain_json_is_read_without_tolerance()
    {
        var parse = TolerantJson.Parse("""  {"a":1}  """);
        Assert.Equal(JsonTolerance.None, parse.Tolerance);
        Assert.Equal(1, parse.Value!.Value.GetProperty("a").GetInt32());
    }

    [Theory]
    [InlineData("```json\n{\"a\":1}\n```")]
    [InlineData("Here you go:\n```JSON\n{\"a\":1}\n```\nHope that helps.")]
    [InlineData("```\n{\"a\":1}\n```")]
    public void One_json_fence_is_accepted_and_recorded(string text)
    {
        var parse = TolerantJson.Parse(text);
        Assert.Equal(JsonTolerance.Fenced, parse.Tolerance);
        Assert.Equal(1, parse.Value!.Value.GetProperty("a").GetInt32());
    }

    [Fact]
    public void One_object_in_prose_is_accepted_and_recorded_even_with_braces_in_strings()
    {
        var parse = TolerantJson.Parse("""Sure! The result is {"a":"x } y","b":{"c":2}} as requested.""");
        Assert.Equal(JsonTolerance.Embedded, parse.Tolerance);
        Assert.Equal("x } y", parse.Value!.Value.GetProperty("a").GetString());
    }

    [Theory]
    [InlineData("I could not find anything.", "no complete JSON object")]
    [InlineData("""first {"a":1} then {"a":2}""", "more than one")]
    [InlineData("""{"a":1""", "no complete JSON object")]
    [InlineData("```json\n{\"a\":1}\n```\n```json\n{\"a\":2}\n```", "more than one")]
    [InlineData("```python\n{'a': 1}\n```", "does not parse")]
    [InlineData("```json\n[1,2]\n```", "not one JSON object")]
    [InlineData("prose {not json} prose", "does not parse")]
    public void Anything_else_is_a_failure_with_a_reason(string text, string reason)
    {
        var parse = TolerantJson.Parse(text);
        Assert.Null(parse.Value);
        Assert.Contains(reason, parse.Error);
    }
}
