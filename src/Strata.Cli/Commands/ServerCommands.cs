using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;
using Strata.Cli.Hosting;
using Strata.Cli.Output;
using Strata.Server;
using Strata.Server.Mcp;
using Strata.Server.Mcp.MemoryServer;
using Strata.Server.Operations;

namespace Strata.Cli.Commands;

internal static class ServerCommands
{
    public const string AllowedOriginsVariable = "STRATA_ALLOWED_ORIGINS";

    public static Command Serve()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen (default http://127.0.0.1:8080, loopback only; put TLS in front before exposing it).",
            DefaultValueFactory = _ => StrataHostOptions.DefaultUrls,
        };
        var noWorker = NoWorker("strata serve");
        var allowedOrigins = new Option<string?>("--allowed-origins")
        {
            Description = $"Web origins besides loopback ones that may call /mcp from a browser, comma-separated (env {AllowedOriginsVariable}); "
                + "any other Origin is refused.",
        };
        // No --user: each request acts as the owner of its API key.
        var command = new Command("serve", "Serve the REST API (/v1), MCP over streamable HTTP (/mcp), the web page (/), /openapi.json, /health and /metrics, "
            + "and run worker loops. Requests to /v1 and /mcp need an API key (strata users create).") { urls, noWorker, allowedOrigins };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            Strata.Core.Jobs.PoolThreads.Reserve();
            var services = await CliContext.OpenServicesAsync(parse, ct);
            var options = new StrataHostOptions
            {
                Urls = parse.GetValue(urls)!,
                RunWorker = !parse.GetValue(noWorker),
                AllowedOrigins = ServeStartup.Origins(parse.GetValue(allowedOrigins) ?? Environment.GetEnvironmentVariable(AllowedOriginsVariable)),
                OAuth = ServeStartup.OAuth(CliContext.DataDirectory(parse)),
                Tracing = ServeStartup.Tracing(CliContext.DataDirectory(parse)),
            };
            await using var app = StrataHost.Build(services, options, ServeStartup.Logging);
            await ServeStartup.StartAsync(app, options.Urls, ct);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Console.Out.WriteLine($"strata serve: listening on {address} (REST {address}/v1, MCP {address}/mcp, OpenAPI {address}/openapi.json)");
            }
            await app.WaitForShutdownAsync(ct);
            return 0;
        }));
        return command;
    }

    public static Command Mcp()
    {
        var allowRoot = new Option<string?>("--allow-root")
        {
            Description = "The folder the ingest tool may read paths from (default: the current directory). Paths outside it are refused.",
        };
        var noWorker = NoWorker("strata mcp");
        var profile = new Option<string?>("--profile")
        {
            Description = $"\"{MemoryServerProfile.Name}\": only the MCP reference memory server's nine tools, for agents configured for it "
                + "(docs/memory-server.md). Without it, Strata's own tools.",
        };
        profile.AcceptOnlyFromAmong(MemoryServerProfile.Name);
        var command = new Command("mcp", "Run an MCP server over stdio as the local user (for desktop clients), with worker loops. "
            + "Logs go to stderr.") { allowRoot, noWorker, profile };
        command.SetAction((parse, ct) => Printer.RunAsync(parse, ct, async () =>
        {
            Strata.Core.Jobs.PoolThreads.Reserve();
            // stdout carries the protocol: every log line goes to stderr.
            using var loggerFactory = StandardErrorLogs.Factory(LogLevel.Warning);
            // initialize is answered while the database opens (and migrates) on another thread: a client waits for
            // that only when it first calls a tool. A database that cannot be opened still ends the process with its error.
            var opening = Task.Run(() => CliContext.OpenAsync(parse, ct, loggerFactory), ct);
            using var stopServer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            // Compiled now, while the client lists its tools, rather than during its first write. A tool call that comes
            // before the warm-up is over waits for it rather than racing it: the warm-up holds the write lock until it
            // rolls back, and on two cores the two would compile the same code side by side (in one run at load 17, a first write that
            // raced it took 440 ms, against 50–110 ms after it).
            var warming = WarmUpAfterOpenAsync(opening, parse.GetValue(profile) is not null, loggerFactory, stopServer.Token);
            var root = new AllowedRoot(parse.GetValue(allowRoot) ?? Directory.GetCurrentDirectory());
            var user = ServedUserAsync(opening, warming);
            var options = parse.GetValue(profile) is null
                ? StrataMcpServer.Options(user, root, loggerFactory.CreateLogger("Strata.Mcp"))
                : MemoryServerProfile.Configure(new McpServerOptions(), user, loggerFactory.CreateLogger("Strata.Mcp"));
            await using StreamServerTransport transport = parse.GetValue(profile) is null
                ? new StdioServerTransport(options, loggerFactory)
                : new MemoryServerStdioTransport(options.ServerInfo?.Name ?? MemoryServerProfile.Name, loggerFactory);
            await using var server = McpServer.Create(transport, options, loggerFactory);
            var serving = server.RunAsync(stopServer.Token);
            CliContext context;
            try
            {
                context = await opening;
            }
            catch
            {
                await stopServer.CancelAsync();
                try { await serving; } catch (OperationCanceledException) { }
                throw;
            }
            if (parse.GetValue(noWorker))
            {
                await serving;
                await warming;
                return 0;
            }
            // A desktop client keeps this process for the whole conversation: long enough to run what wait=false queued,
            // upload retries and the scheduled duplicate scan. The worker stops (draining) when the client goes away. It
            // starts once the warm-up is over, not alongside it and the client's first calls.
            try { await warming; } catch (OperationCanceledException) { }
            using var stopWorker = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var worker = context.Services.CreateWorkerHost().RunAsync(stopWorker.Token);
            try
            {
                await serving;
            }
            finally
            {
                await stopWorker.CancelAsync();
                await worker;
                try { await warming; } catch (OperationCanceledException) { }
            }
            return 0;
        }));
        return command;
    }

    private static async Task<McpUser> ServedUserAsync(Task<CliContext> opening, Task warming)
    {
        var context = await opening;
        try { await warming; } catch (OperationCanceledException) { }
        return new McpUser(context.Services, context.UserId);
    }

    private static async Task WarmUpAfterOpenAsync(Task<CliContext> opening, bool memoryServerProfile, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        CliContext context;
        try
        {
            context = await opening;
        }
        catch
        {
            return; // no database, nothing to warm: the open's own failure ends the process
        }
        await Task.Run(() => WriteWarmUp.RunAsync(context.Services, context.UserId, memoryServerProfile, loggers, cancellationToken), cancellationToken);
    }

    private static Option<bool> NoWorker(string command) => new("--no-worker")
    {
        Description = $"Run no worker loops in {command}: queued interpretations (wait=false), upload retries and maintenance then "
            + "wait for a separate `strata worker` on the same data directory or database.",
    };
}
