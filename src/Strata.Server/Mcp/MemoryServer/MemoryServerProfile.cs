using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Strata.Server.Mcp.MemoryServer;

/// <summary>
/// <c>strata mcp --profile memory-server</c> (and <c>/mcp/memory-server</c> over HTTP): an MCP server with exactly the
/// reference memory server's nine tools, for agents configured for it. Strata's own tools are not listed here, so an
/// agent never sees two tools called <c>create_entities</c>-like things with different shapes.
/// </summary>
public static class MemoryServerProfile
{
    public const string Name = "memory-server";

    public static McpServerOptions Configure(McpServerOptions options, Task<McpUser> user, ILogger logger)
    {
        var calls = new Lazy<Task<MemoryServerCalls>>(async () =>
        {
            var (services, userId) = await user;
            return new MemoryServerCalls(services, userId, logger);
        });
        options.ServerInfo = new Implementation { Name = "strata-memory-server", Title = "Strata (memory server profile)", Version = StrataMcpServer.Version };
        options.ServerInstructions = "The MCP reference memory server's nine tools, kept by Strata: every write is kept with its provenance "
            + "and deletes can be looked back on (docs/memory-server.md).";
        options.Capabilities = new ServerCapabilities { Tools = new ToolsCapability() };
        options.Handlers = new McpServerHandlers
        {
            ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = [.. MemoryServerTools.All] }),
            CallToolHandler = async (request, ct) => await (await calls.Value).CallAsync(request.Params, ct),
        };
        return options;
    }
}
