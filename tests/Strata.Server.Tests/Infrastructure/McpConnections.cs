using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Strata.Server.Tests.Infrastructure;

/// <summary>The official C# MCP client, connected the two ways agents connect.</summary>
public static class McpConnections
{
    public static async Task<McpClient> OverHttpAsync(RunningServer server, string apiKey) =>
        await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = server.McpEndpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {apiKey}" },
        }));

    /// <summary>Spawns <c>strata mcp</c> as a desktop client would.</summary>
    public static async Task<McpClient> OverStdioAsync(string dataDirectory, string user, string workingDirectory, string? allowRoot = null)
    {
        List<string> arguments = [StrataExecutable.DllPath, "mcp", "--data-dir", dataDirectory, "--user", user];
        if (allowRoot is not null) arguments.AddRange(["--allow-root", allowRoot]);
        return await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "strata",
            Command = StrataExecutable.DotnetHost,
            Arguments = arguments,
            WorkingDirectory = workingDirectory,
        }), new McpClientOptions { InitializationTimeout = TimeSpan.FromMinutes(3) }); // a hang guard for loaded CI machines, not a timing
    }

    /// <summary>Tool arguments written as JSON, as an agent would send them.</summary>
    public static Dictionary<string, object?> Arguments(string json) =>
        Samples.Json(json).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());

    public static Task<CallToolResult> CallAsync(this McpClient client, string tool, string argumentsJson = "{}") =>
        client.CallToolAsync(tool, Arguments(argumentsJson)).AsTask();

    /// <summary>The structured content of a successful call (failing the test with the error otherwise).</summary>
    public static JsonElement Structured(this CallToolResult result)
    {
        Assert.True(result.IsError is not true, $"The tool failed: {Text(result)}");
        return result.StructuredContent ?? throw new Xunit.Sdk.XunitException("The tool returned no structured content.");
    }

    public static string Text(CallToolResult result) =>
        string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
}
