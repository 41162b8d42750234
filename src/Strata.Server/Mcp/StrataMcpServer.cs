using System.Reflection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Strata.Core;
using Strata.Server.Operations;

namespace Strata.Server.Mcp;

/// <summary>The MCP server's options for one user: the tools and entity resources, bound to that user for the
/// life of the connection (stdio) or session (HTTP). Tool arguments never name a user.</summary>
public static class StrataMcpServer
{
    /// <summary>The instructions sent at <c>initialize</c> (they do not depend on the user or the local folder).</summary>
    public static string Instructions { get; } = ServerInstructions.For(OperationCatalog.Tools(localFiles: null));

    public static string Version { get; } =
        typeof(StrataMcpServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <param name="localFiles">For a local stdio server: the folder ingest may read paths from. Null over HTTP.</param>
    public static McpServerOptions Options(StrataServices services, string userId, AllowedRoot? localFiles, ILogger logger) =>
        Options(Task.FromResult(new McpUser(services, userId)), localFiles, logger);

    /// <summary>Options whose handlers wait for <paramref name="user"/>: a stdio server answers <c>initialize</c>
    /// while its database is still being opened and migrated, and the first tool call waits for that instead.</summary>
    public static McpServerOptions Options(Task<McpUser> user, AllowedRoot? localFiles, ILogger logger) =>
        Configure(new McpServerOptions(), user, localFiles, logger);

    /// <summary>The tools over HTTP (no local folder) are the same for every session and user: described once per process.
    /// Each session (and, for stateless clients, each request) described all of them again: a new session's
    /// <c>tools/list</c> took 7–39 ms (median 12) on a warm <c>strata serve</c>, 3–25 ms (median 5) since.</summary>
    private static readonly Lazy<IReadOnlyList<StrataOperation>> HttpTools = new(() => OperationCatalog.Tools(localFiles: null));

    private static readonly Lazy<List<Tool>> HttpListed = new(() => Describe(HttpTools.Value));

    /// <summary>Sets <paramref name="options"/> up for one user: the HTTP transport hands the options of each new session here.</summary>
    public static McpServerOptions Configure(McpServerOptions options, Task<McpUser> user, AllowedRoot? localFiles, ILogger logger)
    {
        var tools = localFiles is null ? HttpTools : new Lazy<IReadOnlyList<StrataOperation>>(() => OperationCatalog.Tools(localFiles));
        var listed = localFiles is null ? HttpListed : new Lazy<List<Tool>>(() => Describe(tools.Value));
        var calls = new Lazy<Task<ToolCalls>>(async () =>
        {
            var (services, userId) = await user;
            return new ToolCalls(services, userId, tools.Value, logger);
        });
        var entities = new Lazy<Task<EntityResources>>(async () =>
        {
            var (services, userId) = await user;
            return new EntityResources(services, userId);
        });
        options.ServerInfo = new Implementation { Name = "strata", Title = "Strata", Version = Version };
        options.ServerInstructions = Instructions;
        options.Capabilities = new ServerCapabilities
        {
            Tools = new ToolsCapability(),
            Resources = new ResourcesCapability(),
            Completions = new CompletionsCapability(),
        };
        options.Filters.Message.IncomingFilters.Add(UnreadableToolArguments.Filter);
        options.Handlers = new McpServerHandlers
        {
            // A list of its own for each answer: the described tools are shared, the list handed to the SDK is not.
            ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = [.. listed.Value] }),
            CallToolHandler = async (request, ct) =>
                UnreadableToolArguments.Refusal(request) ?? await (await calls.Value).CallAsync(request.Params, ct),
            ListResourceTemplatesHandler = (_, _) => ValueTask.FromResult(new ListResourceTemplatesResult { ResourceTemplates = [EntityResources.Template, GraphResource.Template] }),
            ListResourcesHandler = async (request, ct) =>
            {
                var page = await (await entities.Value).ListAsync(request.Params?.Cursor, ct);
                // MEMORY.md and the whole graph lead the first page; later pages are the entities' own.
                if (request.Params?.Cursor is null) page.Resources = [MemoryResource.Listed, WholeGraphResource.Listed, .. page.Resources];
                return page;
            },
            ReadResourceHandler = async (request, ct) =>
            {
                if (request.Params?.Uri == MemoryResource.Uri)
                {
                    var (services, userId) = await user;
                    return await MemoryResource.ReadAsync(services, userId, ct);
                }
                if (WholeGraphResource.Names(request.Params?.Uri))
                {
                    var (services, userId) = await user;
                    return await WholeGraphResource.ReadAsync(services, userId, request.Params!.Uri, ct);
                }
                if (request.Params?.Uri is { } uri && uri.StartsWith(GraphResource.Prefix, StringComparison.Ordinal) && uri.Length > GraphResource.Prefix.Length)
                {
                    var (services, userId) = await user;
                    return await GraphResource.ReadAsync(services, userId, uri, ct);
                }
                if (request.Params?.Uri?.StartsWith(ExportResources.Prefix, StringComparison.Ordinal) == true)
                {
                    var (services, userId) = await user;
                    return await ExportResources.ReadAsync(services, userId, request.Params.Uri, ct);
                }
                return await (await entities.Value).ReadAsync(request.Params?.Uri, ct);
            },
            CompleteHandler = async (request, ct) => await (await entities.Value).CompleteAsync(request.Params, ct),
        };
        return options;
    }

    private static List<Tool> Describe(IReadOnlyList<StrataOperation> tools) => tools.Select(ToolDescriptors.Describe).ToList();
}

/// <summary>Who an MCP server acts for: the services over their store and the user every tool call runs as.</summary>
public sealed record McpUser(StrataServices Services, string UserId);
