using System.Net;
using System.Text.Json;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Parity;

/// <summary>
/// Values one database takes and the other may refuse (PostgreSQL's text and JSONB have no NUL; a lone surrogate is
/// not valid UTF-8; very long and deeply nested values strain limits): each gets the same answer on SQLite and on
/// PostgreSQL, through REST and through MCP — the same stored value read back, or the same stable error code.
/// (REST and MCP may differ from each other: their bodies have their own limits, e.g. JSON-RPC's nesting depth.)
/// </summary>
public sealed class HostileValueParityTests
{
    /// <summary>Each value as it is written inside a JSON document (escapes included).</summary>
    public static TheoryData<string, string> Values() => new()
    {
        { "a NUL character", "\"before\\u0000after\"" },
        { "a lone high surrogate", "\"before\\ud800after\"" },
        { "a lone low surrogate", "\"\\udc00\"" },
        { "a string of 200,000 characters", "\"" + new string('x', 200_000) + "\"" },
        // 60 deep plus the request's own three levels: just under System.Text.Json's default depth of 64.
        { "an array nested 60 deep", new string('[', 60) + "1" + new string(']', 60) },
        { "an object nested 20 deep", string.Concat(Enumerable.Repeat("{\"a\":", 20)) + "1" + new string('}', 20) },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public async Task A_hostile_value_gets_the_same_answer_on_both_databases_through_REST_and_MCP(string name, string valueJson)
    {
        var answers = new Dictionary<string, string>();
        foreach (var backend in new[] { Backend.Sqlite, Backend.Postgres })
        {
            await using var server = await RunningServer.StartAsync(backend: backend);
            var key = await server.CreateUserAsync("alice");
            using var http = server.Client(key);
            using var raw = server.Client(apiKey: null);
            answers[$"REST on {backend}"] = await ThroughRestAsync(http, valueJson);
            answers[$"MCP on {backend}"] = await ThroughMcpAsync(raw, key, http, valueJson);
        }

        foreach (var face in new[] { "REST", "MCP" })
        {
            var onSqlite = answers[$"{face} on Sqlite"];
            var onPostgres = answers[$"{face} on Postgres"];
            Assert.False(onSqlite.StartsWith("status 5", StringComparison.Ordinal), $"{name} through {face}: {Shorten(onSqlite)}");
            Assert.True(onSqlite == onPostgres, $"{name} through {face}: SQLite answered {Shorten(onSqlite)}, PostgreSQL {Shorten(onPostgres)}");
        }
    }

    private static string Entities(string valueJson) =>
        $$"""{"entities":[{"entity_type":"note","title":"hostile","body":{{valueJson}}}]}""";

    /// <summary>"stored: &lt;the body read back&gt;", or "refused: CODE", or the unexpected status.</summary>
    private static async Task<string> ThroughRestAsync(HttpClient http, string valueJson)
    {
        using var response = await http.PostAsync("/v1/entities", HttpTesting.JsonBody(Entities(valueJson)));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.InternalServerError) return "status 500: " + body;
        if (!response.IsSuccessStatusCode) return "refused: " + Samples.Json(body).GetProperty("code").GetString();
        return await StoredBodyAsync(http, Samples.Json(body));
    }

    /// <summary>A raw tools/call: an SDK client would refuse to serialize some of these values before sending them.</summary>
    private static async Task<string> ThroughMcpAsync(HttpClient raw, string key, HttpClient http, string valueJson)
    {
        var session = await RawMcpHttp.OpenSessionAsync(raw, key);
        var call = """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"ingest_structured","arguments":""" + Entities(valueJson) + "}}";
        using var response = await raw.SendAsync(RawMcpHttp.Post(call, key, session));
        var body = await response.Content.ReadAsStringAsync();
        // The answer is one JSON-RPC message, as JSON or as the data line of an event stream.
        var message = body.Split('\n').Select(l => l.Trim()).Select(l => l.StartsWith("data:", StringComparison.Ordinal) ? l[5..].Trim() : l)
            .LastOrDefault(l => l.StartsWith('{')) ?? body;
        if (!response.IsSuccessStatusCode) return $"status {(int)response.StatusCode}: {body}";
        var json = Samples.Json(message);
        if (json.TryGetProperty("error", out var protocolError)) return "protocol error " + protocolError.GetProperty("code").GetInt32();
        var result = json.GetProperty("result");
        if (result.TryGetProperty("isError", out var isError) && isError.GetBoolean())
        {
            return result.TryGetProperty("structuredContent", out var error) ? "refused: " + error.GetProperty("code").GetString() : "status 500: " + message;
        }
        return await StoredBodyAsync(http, result.GetProperty("structuredContent"));
    }

    private static async Task<string> StoredBodyAsync(HttpClient http, JsonElement stored)
    {
        var id = stored.GetProperty("entities")[0].GetProperty("entity_id").GetString();
        var snapshot = await (await http.GetAsync($"/v1/entities/{id}")).JsonAsync();
        // A value of the wrong type for the field is kept as a raw fragment, not in the snapshot.
        return snapshot.GetProperty("fields").TryGetProperty("body", out var body) ? "stored: " + body.GetRawText() : "stored outside the snapshot";
    }

    private static string Shorten(string answer) => answer.Length > 300 ? answer[..300] + "…" : answer;
}
