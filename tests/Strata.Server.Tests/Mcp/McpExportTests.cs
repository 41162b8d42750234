using System.Text;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Strata.Core.Exports.Agents;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Mcp;

/// <summary>
/// The export tool over the MCP SDK's HTTP client: a small text export inline, a larger or binary one as a resource link
/// whose read gives the same bytes as the REST download of the same export; a refused export is a tool error.
/// </summary>
public abstract class McpExportTests
{
    protected abstract Backend Backend { get; }

    [Fact]
    public async Task A_small_export_comes_inline_and_a_large_or_binary_one_as_a_link_that_reads_as_the_download()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        using var http = server.Client(key);
        await using var agent = await McpConnections.OverHttpAsync(server, key);
        (await agent.CallAsync("ingest_structured", """{"entities":[{"entity_type":"contact","name":"Ada Lovelace","email":"ada@example.com"}]}""")).Structured();

        var small = await agent.CallAsync("export", """{"kind":"entities","format":"jsonl"}""");
        var inline = small.Structured();
        Assert.True(inline.GetProperty("inline").GetBoolean());
        Assert.Equal(AgentExportService.InlineLimitBytes, inline.GetProperty("inline_limit_bytes").GetInt64());
        var download = await http.GetByteArrayAsync("/v1/exports/entities?format=jsonl");
        Assert.Equal(Encoding.UTF8.GetString(download), inline.GetProperty("content").GetString());
        Assert.Equal(download.Length, inline.GetProperty("bytes").GetInt64());
        Assert.Empty(small.Content.OfType<ResourceLinkBlock>());

        // Enough contacts that the JSONL passes the inline cap several times over.
        var many = string.Join(",", Enumerable.Range(0, 400).Select(i => $$"""{"entity_type":"contact","name":"Person {{i}}","email":"person{{i}}@example.com","title":"Engineer number {{i}} of the analytical engine works"}"""));
        (await agent.CallAsync("ingest_structured", $$"""{"entities":[{{many}}]}""")).Structured();
        var large = await agent.CallAsync("export", """{"kind":"entities","format":"jsonl"}""");
        var linked = large.Structured();
        Assert.False(linked.GetProperty("inline").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, linked.GetProperty("content").ValueKind);
        var uri = linked.GetProperty("resource_uri").GetString()!;
        Assert.Equal(uri, Assert.Single(large.Content.OfType<ResourceLinkBlock>()).Uri);
        Assert.Equal("/v1/exports/entities?format=jsonl", linked.GetProperty("download_path").GetString());
        var read = Assert.IsType<TextResourceContents>(Assert.Single((await agent.ReadResourceAsync(uri)).Contents));
        var full = await http.GetByteArrayAsync("/v1/exports/entities?format=jsonl");
        Assert.True(full.Length > 4 * AgentExportService.InlineLimitBytes, $"{full.Length} bytes");
        Assert.Equal(Encoding.UTF8.GetString(full), read.Text);
        Assert.Equal(401, read.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // Parquet is binary: a link even when small, read back as the download's bytes.
        var parquet = (await agent.CallAsync("export", """{"kind":"entities","format":"parquet","entity_type":"contact"}""")).Structured();
        Assert.False(parquet.GetProperty("inline").GetBoolean());
        var blob = Assert.IsType<BlobResourceContents>(Assert.Single((await agent.ReadResourceAsync(parquet.GetProperty("resource_uri").GetString()!)).Contents));
        Assert.Equal("application/vnd.apache.parquet", blob.MimeType);
        Assert.Equal(await http.GetByteArrayAsync("/v1/exports/entities?format=parquet&entity_type=contact"), blob.DecodedData.ToArray());
    }

    [Fact]
    public async Task The_memory_and_the_cypher_script_come_inline_and_refusals_are_tool_errors()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        await using var agent = await McpConnections.OverHttpAsync(server, key);
        var stored = (await agent.CallAsync("ingest_structured", """{"entities":[{"entity_type":"contact","name":"Ada Lovelace","email":"ada@example.com"}]}""")).Structured();
        var ada = stored.GetProperty("entities")[0].GetProperty("entity_id").GetString()!;

        var memory = (await agent.CallAsync("export", """{"kind":"memory","format":"markdown"}""")).Structured();
        Assert.Equal("memory.md", memory.GetProperty("file_name").GetString());
        Assert.StartsWith("# Memory", memory.GetProperty("content").GetString());
        Assert.Contains("ada@example.com", memory.GetProperty("content").GetString());
        var cypher = (await agent.CallAsync("export", """{"kind":"neo4j"}""")).Structured();
        Assert.Contains($"MERGE (n:StrataEntity {{entity_id: '{ada}'}})", cypher.GetProperty("content").GetString());

        foreach (var (arguments, code) in new[]
        {
            ("""{"kind":"spreadsheet"}""", "VALIDATION_FAILED"),
            ("""{"kind":"document"}""", "VALIDATION_FAILED"),
            ("""{"kind":"entities","format":"xml"}""", "VALIDATION_FAILED"),
            ("""{"kind":"document","document_id":"doc_000000000000000000000000"}""", "DOCUMENT_NOT_FOUND"),
        })
        {
            var refused = await agent.CallAsync("export", arguments);
            Assert.True(refused.IsError, McpConnections.Text(refused));
            Assert.Equal(code, refused.StructuredContent!.Value.GetProperty("code").GetString());
        }
        var unknown = await Assert.ThrowsAnyAsync<McpException>(() => agent.ReadResourceAsync("strata://exports/spreadsheet").AsTask());
        Assert.Contains("EXPORT_NOT_FOUND", unknown.Message);
    }
}

public sealed class McpExportTestsOnSqlite : McpExportTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class McpExportTestsOnPostgres : McpExportTests
{
    protected override Backend Backend => Backend.Postgres;
}
