using System.ComponentModel;
using Strata.Server.Tests.Infrastructure;
using Strata.Storage.Compliance;

namespace Strata.Server.Tests.Mcp;

/// <summary>The official MCP TypeScript SDK (tests/mcp-ts-client) against the built strata: stdio and HTTP, on SQLite
/// data directories and on a PostgreSQL database.</summary>
public sealed class TypeScriptClientTests
{
    private static readonly string ClientFolder = Path.Combine(StrataExecutable.RepositoryRoot, "tests", "mcp-ts-client");

    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task The_TypeScript_SDK_calls_every_tool_over_stdio_and_over_HTTP_and_reads_errors(Backend backend)
    {
        Assert.True(Directory.Exists(Path.Combine(ClientFolder, "node_modules", "@modelcontextprotocol", "sdk")),
            "tests/mcp-ts-client/node_modules is missing: run npm ci in tests/mcp-ts-client");

        var database = backend == Backend.Postgres ? await PostgresTestDatabase.CreateAsync() : null;
        ProcessOutcome outcome;
        try
        {
            outcome = await ProcessRunner.RunAsync("node",
                ["check-strata.mjs", "--dll", StrataExecutable.DllPath, "--dotnet", StrataExecutable.DotnetHost, .. database is null ? [] : new[] { "--database", database }],
                ClientFolder);
        }
        catch (Win32Exception failure)
        {
            throw new Xunit.Sdk.XunitException($"Node.js is needed for this test and could not be started ({failure.Message}); ./test.sh installs it.");
        }
        finally
        {
            if (database is not null) await PostgresTestDatabase.DropAsync(database);
        }

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var summary = Samples.Json(outcome.StandardOutput.Trim().Split('\n').Last());
        foreach (var transport in new[] { "stdio", "http" })
        {
            var report = summary.GetProperty(transport);
            Assert.Equal(McpHttpToolTests.ToolNames.Order(), report.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(McpHttpToolTests.ToolNames.Order(), report.GetProperty("called").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal("ENTITY_NOT_FOUND", report.GetProperty("error_code").GetString());
            Assert.True(report.GetProperty("resource_entity").GetBoolean());
        }
        Assert.Equal("VALIDATION_FAILED", summary.GetProperty("stdio").GetProperty("outside_path_code").GetString());
        Assert.Equal(401, summary.GetProperty("http").GetProperty("wrong_key_status").GetInt32());
    }
}
