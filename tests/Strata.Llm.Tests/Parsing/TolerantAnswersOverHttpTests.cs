using Strata.FakeLlm;
using Strata.Core.Llm.Calls;
using Strata.Llm.Parsing;
using Strata.Llm.Tests.Support;

namespace Strata.Llm.Tests.Parsing;

public sealed class TolerantAnswersOverHttpTests
{
    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task A_fenced_answer_is_read_and_flagged(string format)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Text("```json\n{\"name\":\"Ada\"}\n```"));

        var answer = await Clients.Of(format, server).ExtractAsync(Requests.Extract(), CancellationToken.None);

        Assert.Equal(JsonTolerance.Fenced, answer.Tolerance);
        Assert.Equal("Ada", answer.Input!.Value.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task A_prose_wrapped_answer_is_read_and_flagged(string format)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Text("The person is {\"name\":\"Ada\"}."));

        var answer = await Clients.Of(format, server).ExtractAsync(Requests.Extract(), CancellationToken.None);

        Assert.Equal(JsonTolerance.Embedded, answer.Tolerance);
        Assert.Equal("Ada", answer.Input!.Value.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task A_malformed_answer_is_a_parse_failure_that_keeps_the_text_and_the_tokens(string format)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Text("{\"name\": Ada Lovelace}"));

        var answer = await Clients.Of(format, server).ExtractAsync(Requests.Extract(), CancellationToken.None);

        Assert.False(answer.Parsed);
        Assert.NotNull(answer.ParseError);
        Assert.Contains("Ada Lovelace", answer.RawText);
        Assert.True(answer.Usage.Output > 0);
    }
}
