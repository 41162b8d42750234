using System.Text.Json.Nodes;

namespace Strata.FakeLlm;

/// <summary>Renders replies as the Messages API does, including prompt-cache usage: the first request with a
/// given system prompt writes it to the cache, later ones read it.</summary>
internal sealed class AnthropicFormat
{
    private readonly HashSet<string> _cachedSystems = [];
    private readonly Lock _lock = new();
    private int _next;

    public JsonObject Answer(FakePrompt prompt, FakeReply reply, bool cacheControlSent)
    {
        var id = Interlocked.Increment(ref _next);
        var (content, stop, text) = reply switch
        {
            JsonReply j => (ToolUse(id, prompt.ToolName, JsonNode.Parse(j.Content)), "tool_use", j.Content),
            EchoItemsReply echo => (ToolUse(id, prompt.ToolName, JsonNode.Parse(EchoItems.Answer(prompt.All, fields: echo.Fields))), "tool_use", EchoItems.Answer(prompt.All, fields: echo.Fields)),
            PerItemReply p => (ToolUse(id, prompt.ToolName, JsonNode.Parse(EchoItems.Answer(prompt.All, p))), "tool_use", EchoItems.Answer(prompt.All, p)),
            BlockFieldsReply b => (ToolUse(id, prompt.ToolName, JsonNode.Parse(EchoItems.Answer(prompt.All, blockFields: b))), "tool_use", EchoItems.Answer(prompt.All, blockFields: b)),
            TextReply t => (TextBlock(t.Content), "end_turn", t.Content),
            TruncatedReply t => (TextBlock(t.Partial), "max_tokens", t.Partial),
            _ => throw new InvalidOperationException($"{reply} is not a content reply."),
        };
        return new JsonObject
        {
            ["id"] = $"msg_fake_{id}",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = prompt.Model,
            ["content"] = new JsonArray(content),
            ["stop_reason"] = stop,
            ["stop_sequence"] = null,
            ["usage"] = Usage(prompt, text, cacheControlSent),
        };
    }

    public static JsonObject Error(int status) => new()
    {
        ["type"] = "error",
        ["error"] = new JsonObject
        {
            ["type"] = status switch { 401 => "authentication_error", 403 => "permission_error", 429 => "rate_limit_error", 529 => "overloaded_error", _ => "api_error" },
            ["message"] = $"fake error {status}",
        },
    };

    private JsonObject Usage(FakePrompt prompt, string answer, bool cacheControlSent)
    {
        var system = TokenCount.Of(prompt.System);
        bool seen;
        lock (_lock) seen = !_cachedSystems.Add(prompt.System);
        return new JsonObject
        {
            ["input_tokens"] = TokenCount.Of(prompt.User) + (cacheControlSent ? 0 : system),
            ["output_tokens"] = TokenCount.Of(answer),
            ["cache_creation_input_tokens"] = cacheControlSent && !seen ? system : 0,
            ["cache_read_input_tokens"] = cacheControlSent && seen ? system : 0,
        };
    }

    private static JsonObject ToolUse(int id, string name, JsonNode? input) => new()
    {
        ["type"] = "tool_use",
        ["id"] = $"toolu_fake_{id}",
        ["name"] = name,
        ["input"] = input,
    };

    private static JsonObject TextBlock(string text) => new() { ["type"] = "text", ["text"] = text };
}
