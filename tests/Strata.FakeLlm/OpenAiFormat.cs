using System.Text.Json.Nodes;

namespace Strata.FakeLlm;

/// <summary>Renders replies as OpenAI chat completions do; a repeated system prompt counts as cached prompt tokens.</summary>
internal sealed class OpenAiFormat
{
    private readonly HashSet<string> _seenSystems = [];
    private readonly Lock _lock = new();
    private int _next;

    public JsonObject Answer(FakePrompt prompt, FakeReply reply)
    {
        var id = Interlocked.Increment(ref _next);
        var (content, finish) = reply switch
        {
            JsonReply j => (j.Content, "stop"),
            EchoItemsReply echo => (EchoItems.Answer(prompt.All, fields: echo.Fields), "stop"),
            PerItemReply p => (EchoItems.Answer(prompt.All, p), "stop"),
            BlockFieldsReply b => (EchoItems.Answer(prompt.All, blockFields: b), "stop"),
            TextReply t => (t.Content, "stop"),
            TruncatedReply t => (t.Partial, "length"),
            _ => throw new InvalidOperationException($"{reply} is not a content reply."),
        };
        bool seen;
        lock (_lock) seen = !_seenSystems.Add(prompt.System);
        var promptTokens = TokenCount.Of(prompt.System) + TokenCount.Of(prompt.User);
        return new JsonObject
        {
            ["id"] = $"chatcmpl-fake-{id}",
            ["object"] = "chat.completion",
            ["model"] = prompt.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = finish,
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = TokenCount.Of(content),
                ["total_tokens"] = promptTokens + TokenCount.Of(content),
                ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = seen ? TokenCount.Of(prompt.System) : 0 },
            },
        };
    }

    public static JsonObject Error(int status) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = $"fake error {status}",
            ["type"] = status == 429 ? "rate_limit_exceeded" : status is 401 or 403 ? "invalid_request_error" : "server_error",
            ["code"] = status == 401 ? "invalid_api_key" : null,
        },
    };
}
