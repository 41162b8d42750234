using System.Diagnostics;
using System.Text.Json;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Mcp;

/// <summary><c>strata mcp</c> spawned as a desktop client spawns it, driven by the C# SDK's stdio client.
/// Runs on SQLite only, on purpose: <c>strata mcp</c> is the local single-user mode over the data folder's SQLite file;
/// the same tools over PostgreSQL are proven over HTTP (McpHttpToolTests, the parity and isolation tests).</summary>
public sealed class McpStdioTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _data;
    private readonly string _root;

    public McpStdioTests()
    {
        _data = _temp.Combine("data");
        _root = _temp.Combine("files");
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, Samples.PeopleCsvName), Samples.PeopleCsv);
        File.WriteAllText(_temp.Combine("outside.csv"), Samples.PeopleCsv);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Over_stdio_ingest_reads_a_path_inside_the_allowed_root()
    {
        await using var client = await McpConnections.OverStdioAsync(_data, "local", workingDirectory: _temp.Path, allowRoot: _root);

        var tools = await client.ListToolsAsync();
        var result = (await client.CallAsync("ingest", """{"path":"people.csv","entity_type":"contact"}""")).Structured();

        Assert.Equal(McpHttpToolTests.ToolNames.Order(), tools.Select(t => t.Name).Order());
        Assert.True(tools.Single(t => t.Name == "ingest").JsonSchema.GetProperty("properties").TryGetProperty("path", out _));
        Assert.Equal("people.csv", result.GetProperty("original_filename").GetString());
        Assert.Equal(2, result.GetProperty("interpretation").GetProperty("entities_total").GetInt32());
    }

    [Fact]
    public async Task Over_stdio_the_current_directory_is_the_allowed_root_by_default()
    {
        await using var client = await McpConnections.OverStdioAsync(_data, "local", workingDirectory: _root);

        var inside = await client.CallAsync("ingest", """{"path":"people.csv"}""");
        var outside = await client.CallAsync("ingest", """{"path":"../outside.csv"}""");

        Assert.Equal("text/csv", inside.Structured().GetProperty("mime_type").GetString());
        Assert.True(outside.IsError);
        Assert.Equal("VALIDATION_FAILED", outside.StructuredContent!.Value.GetProperty("code").GetString());
        Assert.Contains("outside the folder", outside.StructuredContent.Value.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Over_stdio_the_tools_act_as_the_user_named_on_the_command_line()
    {
        await using (var alice = await McpConnections.OverStdioAsync(_data, "alice", workingDirectory: _root))
        {
            (await alice.CallAsync("ingest", """{"path":"people.csv"}""")).Structured();
        }
        await using var bob = await McpConnections.OverStdioAsync(_data, "bob", workingDirectory: _root);

        var bobsSources = (await bob.CallAsync("list_sources", """{"include_total":true}""")).Structured();

        Assert.Equal(0, bobsSources.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task When_the_client_goes_away_the_process_closes_its_database_and_leaves_no_write_ahead_log()
    {
        var start = new ProcessStartInfo(StrataExecutable.DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        foreach (var argument in new[] { StrataExecutable.DllPath, "mcp", "--data-dir", _data, "--no-worker" }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteLineAsync(RawMcpHttp.Initialize);
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"ingest","arguments":{"path":"people.csv"}}}""");
        var answers = 0;
        while (answers < 2 && await process.StandardOutput.ReadLineAsync() is not null) answers++;
        var wal = new FileInfo(Path.Combine(_data, "strata.db-wal"));
        Assert.True(wal.Exists && wal.Length > 0, "the ingest went through the WAL while the process ran");

        process.StandardInput.Close();
        await process.WaitForExitAsync();

        wal.Refresh();
        Assert.True(!wal.Exists || wal.Length == 0, wal.Exists ? $"{wal.Length} bytes of WAL left behind: {await stderr}" : "");
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task Stdout_carries_nothing_but_protocol_messages()
    {
        var start = new ProcessStartInfo(StrataExecutable.DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        foreach (var argument in new[] { StrataExecutable.DllPath, "mcp", "--data-dir", _data }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();

        await process.StandardInput.WriteLineAsync(RawMcpHttp.Initialize);
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_entity_snapshot","arguments":{"entity_id":"ent_missing"}}}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_sources","arguments":{"include_total":true}}}""");
        var lines = new List<string>();
        while (lines.Count < 3 && await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.Add(line);
        }
        process.StandardInput.Close();
        await process.WaitForExitAsync();

        Assert.Equal(3, lines.Count);
        var byId = lines.Select(Samples.Json).ToDictionary(m => m.GetProperty("id").GetInt32());
        Assert.All(byId.Values, message => Assert.Equal("2.0", message.GetProperty("jsonrpc").GetString()));
        var error = byId[2].GetProperty("result");
        Assert.True(error.GetProperty("isError").GetBoolean());
        Assert.Equal("ENTITY_NOT_FOUND", error.GetProperty("structuredContent").GetProperty("code").GetString());
        Assert.Equal(0, byId[3].GetProperty("result").GetProperty("structuredContent").GetProperty("total").GetInt32());
        // Nothing follows the answers either: shutdown writes no banner or log line to stdout.
        Assert.Equal("", await process.StandardOutput.ReadToEndAsync());
        await stderr;
    }
}
