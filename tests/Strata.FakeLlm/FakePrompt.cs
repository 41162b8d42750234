using System.Text.Json.Nodes;

namespace Strata.FakeLlm;

/// <summary>The parts of a request the fake reacts to, read from either wire format.</summary>
internal sealed record FakePrompt(string Model, string System, string User, string ToolName)
{
    public string All => System + "\n" + User;

    public static FakePrompt FromAnthropic(JsonNode body)
    {
        var system = body["system"] switch
        {
            JsonArray blocks => string.Concat(blocks.Select(b => (string?)b?["text"])),
            JsonValue text => (string?)text ?? "",
            _ => "",
        };
        var user = string.Concat((body["messages"] as JsonArray ?? []).Select(m => m?["content"] is JsonValue v ? (string?)v : m?["content"]?.ToJsonString()));
        var tool = (string?)body["tool_choice"]?["name"] ?? "extract";
        return new FakePrompt((string?)body["model"] ?? "", system, user, tool);
    }

    public static FakePrompt FromOpenAi(JsonNode body)
    {
        var messages = body["messages"] as JsonArray ?? [];
        string Of(string role) => string.Concat(messages.Where(m => (string?)m?["role"] == role).Select(m => (string?)m?["content"]));
        var tool = (string?)body["response_format"]?["json_schema"]?["name"] ?? "extract";
        return new FakePrompt((string?)body["model"] ?? "", Of("system"), Of("user"), tool);
    }
}
