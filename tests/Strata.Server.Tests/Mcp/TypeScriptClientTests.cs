using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Mcp;

/// <summary>The official MCP TypeScript SDK (tests/mcp-ts-client) against the built strata: stdio and HTTP, on SQLite
/// data directories and on a PostgreSQL database.</summary>
public sealed class TypeScriptClientTests
{
    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task The_TypeScript_SDK_calls_every_tool_over_stdio_and_over_HTTP_and_reads_errors(Backend backend)
    {
        var summary = await NodeScript.RunAsync(backend, "mcp-ts-client", Path.Combine("@modelcontextprotocol", "sdk"), ["check-strata.mjs"]);
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
