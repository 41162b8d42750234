using Strata.FakeLlm;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;
using Strata.Llm.Parsing;
using Strata.Llm.Tests.Support;

namespace Strata.Llm.Tests.Calls;

public sealed class AnthropicAdapterTests
{
    [Fact]
    public async Task A_call_forces_the_tool_and_caches_the_system_prompt_on_the_wire()
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Json("""{"name":"Ada"}"""));

        await Clients.Anthropic(server, "sk-ant-secret").ExtractAsync(Requests.Extract(), CancellationToken.None);

        var sent = Assert.Single(server.Requests);
        Assert.Equal("/v1/messages", sent.Path);
        Assert.Equal("sk-ant-secret", sent.Header("x-api-key"));
        Assert.Equal("2023-06-01", sent.Header("anthropic-version"));
        var body = sent.Json;
        Assert.Equal("tool", (string?)body["tool_choice"]!["type"]);
        Assert.Equal("record_people", (string?)body["tool_choice"]!["name"]);
        Assert.Equal("record_people", (string?)body["tools"]![0]!["name"]);
        Assert.Equal("object", (string?)body["tools"]![0]!["input_schema"]!["type"]);
        Assert.Equal("ephemeral", (string?)body["system"]![0]!["cache_control"]!["type"]);
        Assert.Equal("You extract people.", (string?)body["system"]![0]!["text"]);
        Assert.Equal(1024, (int?)body["max_tokens"]);
        Assert.Equal("test-model", (string?)body["model"]);
    }

    [Fact]
    public async Task The_tool_input_usage_and_raw_text_come_back()
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Json("""{"name":"Ada"}"""));
        var client = Clients.Anthropic(server);

        var first = await client.ExtractAsync(Requests.Extract(), CancellationToken.None);
        var second = await client.ExtractAsync(Requests.Extract(), CancellationToken.None);

        Assert.Equal("Ada", first.Input!.Value.GetProperty("name").GetString());
        Assert.Equal(JsonTolerance.None, first.Tolerance);
        Assert.Equal(StopReason.Completed, first.StopReason);
        Assert.Contains("\"tool_use\"", first.RawText);
        Assert.True(first.Usage.Input > 0 && first.Usage.Output > 0);
        // The fake writes the system prompt to its cache on the first call and reads it on the next.
        Assert.True(first.Usage.CacheWrite > 0);
        Assert.Equal(0, first.Usage.CacheRead);
        Assert.Equal(first.Usage.CacheWrite, second.Usage.CacheRead);
        Assert.Equal(0, second.Usage.CacheWrite);
    }

    [Fact]
    public async Task An_answer_cut_at_max_tokens_is_a_parse_failure_that_keeps_the_raw_text()
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.Reply(FakeReply.Truncated("""{"name":"Ad"""));

        var answer = await Clients.Anthropic(server).ExtractAsync(Requests.Extract(), CancellationToken.None);

        Assert.False(answer.Parsed);
        Assert.Equal(StopReason.MaxTokens, answer.StopReason);
        Assert.Equal("max_tokens", answer.StopReasonText);
        Assert.Contains("max_tokens", answer.ParseError);
        Assert.Contains("{\\u0022name\\u0022:\\u0022Ad", answer.RawText.Replace("\\\"", "\\u0022"));
        Assert.True(answer.Usage.Output > 0);
    }
}
