using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Strata.Bench.Mcp;

/// <summary>The official C# MCP client driving <c>strata mcp</c> over stdio, as a desktop agent would.</summary>
public sealed class StrataMcpClient : IAsyncDisposable
{
    private readonly McpClient _client;
    private readonly IList<McpClientTool> _tools;

    private StrataMcpClient(McpClient client, IList<McpClientTool> tools)
    {
        _client = client;
        _tools = tools;
    }

    public static async Task<StrataMcpClient> StartAsync(string dataDirectory, string userName, CancellationToken cancellationToken)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "strata",
            Command = "dotnet",
            Arguments = [StrataCli.DllPath, "mcp", "--data-dir", dataDirectory, "--user", userName],
        });
        var client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
        return new StrataMcpClient(client, tools);
    }

    /// <summary>
    /// The name the tool gives its entity-id argument, read from its input schema rather than assumed, so the harness
    /// follows the server's contract.
    /// </summary>
    public string EntityIdArgument(string toolName)
    {
        var tool = _tools.FirstOrDefault(t => t.Name == toolName)
            ?? throw new InvalidOperationException($"strata mcp has no tool '{toolName}' (it has: {string.Join(", ", _tools.Select(t => t.Name))}).");
        var properties = tool.JsonSchema.TryGetProperty("properties", out var p) ? p.EnumerateObject().Select(o => o.Name).ToList() : [];
        return properties.FirstOrDefault(n => n is "entity_id" or "entityId" or "id")
            ?? properties.FirstOrDefault(n => n.Contains("id", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"{toolName} takes no id argument (it takes: {string.Join(", ", properties)}).");
    }

    public async Task<JsonElement?> CallAsync(string toolName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var result = await _client.CallToolAsync(toolName, arguments, cancellationToken: cancellationToken);
        if (result.IsError == true)
        {
            var text = string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text));
            throw new InvalidOperationException($"{toolName} failed: {text}");
        }
        return result.StructuredContent;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
