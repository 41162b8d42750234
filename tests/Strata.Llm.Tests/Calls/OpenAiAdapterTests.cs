using Strata.FakeLlm;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Tests.Support;

namespace Strata.Llm.Tests.Calls;

public sealed class OpenAiAdapterTests
{
    [Fact]
    public async Task A_call_asks_for_a_strict_json_schema_with_a_bearer_key()
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Json("""{"name":"Ada"}"""));

        await Clients.OpenAi(server, "sk-open").ExtractAsync(Requests.Extract(), CancellationToken.None);

        var sent = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", sent.Path);
        Assert.Equal("Bearer sk-open", sent.Header("authorization"));
        var format = sent.Json["response_format"]!;
        Assert.Equal("json_schema", (string?)format["type"]);
        Assert.True((bool?)format["json_schema"]!["strict"]);
        Assert.Equal("record_people", (string?)format["json_schema"]!["name"]);
        Assert.Equal("object", (string?)format["json_schema"]!["schema"]!["type"]);
        Assert.Equal("system", (string?)sent.Json["messages"]![0]!["role"]);
        Assert.Equal("user", (string?)sent.Json["messages"]![1]!["role"]);
    }

    [Fact]
    public async Task A_local_server_is_called_without_any_key()
    {
        await using var server = await FakeLlmServer.StartAsync();

        await Clients.OpenAi(server, key: null).ExtractAsync(Requests.Extract(), CancellationToken.None);

        Assert.Null(Assert.Single(server.Requests).Header("authorization"));
    }

    [Fact]
    public async Task Usage_splits_cached_prompt_tokens_from_fresh_input()
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Json("""{"name":"Ada"}"""));
        var client = Clients.OpenAi(server);

        var first = await client.ExtractAsync(Requests.Extract(), CancellationToken.None);
        var second = await client.ExtractAsync(Requests.Extract(), CancellationToken.None);

        Assert.Equal("Ada", first.Input!.Value.GetProperty("name").GetString());
        Assert.Equal(0, first.Usage.CacheRead);
        Assert.True(second.Usage.CacheRead > 0);
        // prompt_tokens counts the cached ones too; Strata's Input does not, so the sum stays equal.
        Assert.Equal(first.Usage.Input, second.Usage.Input + second.Usage.CacheRead);
    }

    [Fact]
    public async Task Finish_reason_length_is_a_max_tokens_stop_and_not_parsed()
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Truncated("""{"name":"A"""));

        var answer = await Clients.OpenAi(server).ExtractAsync(Requests.Extract(), CancellationToken.None);

        Assert.Equal(StopReason.MaxTokens, answer.StopReason);
        Assert.Null(answer.Input);
        Assert.Contains("length", answer.RawText);
    }
}
