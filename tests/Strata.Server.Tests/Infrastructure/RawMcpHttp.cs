using System.Net.Http.Headers;
using System.Text;

namespace Strata.Server.Tests.Infrastructure;

/// <summary>MCP over plain HTTP requests, for what a well-behaved SDK client would never send.</summary>
public static class RawMcpHttp
{
    public const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";

    public const string ListTools = """{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}""";

    public static HttpRequestMessage Post(string body, string apiKey, string? sessionId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (sessionId is not null) request.Headers.Add("Mcp-Session-Id", sessionId);
        return request;
    }

    public static HttpRequestMessage Send(HttpMethod method, string apiKey, string sessionId)
    {
        var request = new HttpRequestMessage(method, "/mcp");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Add("Mcp-Session-Id", sessionId);
        return request;
    }

    /// <summary>Opens a session as the key's owner and returns its id.</summary>
    public static async Task<string> OpenSessionAsync(HttpClient client, string apiKey)
    {
        using var response = await client.SendAsync(Post(Initialize, apiKey));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Contains("\"protocolVersion\"", body);
        var sessionId = Assert.Single(response.Headers.GetValues("Mcp-Session-Id"));
        using var initialized = await client.SendAsync(Post("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", apiKey, sessionId));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, initialized.StatusCode);
        return sessionId;
    }
}
