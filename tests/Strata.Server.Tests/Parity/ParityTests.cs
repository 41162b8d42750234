using System.Text.Json;
using System.Text.Json.Nodes;
using Strata.Server.Tests.Infrastructure;
using Strata.Storage.Compliance;

namespace Strata.Server.Tests.Parity;

public sealed class ParityTests
{
    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task The_CLI_REST_and_MCP_answer_the_same_operations_with_the_same_JSON(Backend backend)
    {
        using var temp = new TempDirectory();
        var cliDatabase = backend == Backend.Postgres ? await PostgresTestDatabase.CreateAsync() : null;
        IReadOnlyList<(string Step, JsonElement Answer)> cli;
        try
        {
            cli = await ParityScenario.RunAsync(new CliDriver(temp, "alice", cliDatabase));
        }
        finally
        {
            if (cliDatabase is not null) await PostgresTestDatabase.DropAsync(cliDatabase);
        }

        await using var restServer = await RunningServer.StartAsync(backend: backend);
        var restKey = await restServer.CreateUserAsync("alice");
        using var http = restServer.Client(restKey);
        var rest = await ParityScenario.RunAsync(new RestDriver(http, () => restServer.ScanDuplicatesAsync(restKey)));

        await using var mcpServer = await RunningServer.StartAsync(backend: backend);
        var mcpKey = await mcpServer.CreateUserAsync("alice");
        await using var client = await McpConnections.OverHttpAsync(mcpServer, mcpKey);
        var mcp = await ParityScenario.RunAsync(new McpDriver(client, () => mcpServer.ScanDuplicatesAsync(mcpKey)));

        var expected = Normalized(cli);
        Assert.Equal(45, expected.Count);
        // The project's preview counted what its delete then removed.
        var preview = cli.Single(a => a.Step == "preview_deletion").Answer.GetProperty("counts");
        var removed = cli.Single(a => a.Step == "delete_project").Answer.GetProperty("removed");
        Assert.Equal((1L, removed.GetProperty("blocks").GetInt64()), (preview.GetProperty("documents").GetInt64(), preview.GetProperty("blocks").GetInt64()));
        Assert.True(removed.GetProperty("blocks").GetInt64() > 0);
        // Forgotten is gone (for every interface alike, compared below): Ada, and what only the people file fed.
        var left = cli.Single(a => a.Step == "retrieve_entities (after forgetting)").Answer.GetProperty("entities").EnumerateArray()
            .Select(e => e.GetProperty("canonical_name").GetString()).ToList();
        Assert.DoesNotContain("ada@example.com", left);
        Assert.True(cli.Single(a => a.Step == "delete_source").Answer.GetProperty("removed").GetProperty("entities").GetInt64() > 0);
        // A list gives provenance only when asked for, the same way everywhere (the comparison below).
        Assert.All(cli.Single(a => a.Step == "retrieve_entities").Answer.GetProperty("entities").EnumerateArray(),
            e => Assert.Equal(JsonValueKind.Null, e.GetProperty("provenance").ValueKind));
        var traced = cli.Single(a => a.Step == "retrieve_entities (text, with provenance)").Answer.GetProperty("entities");
        Assert.NotEmpty(traced.EnumerateArray());
        Assert.All(traced.EnumerateArray(), e => Assert.Equal(JsonValueKind.Object, e.GetProperty("provenance").ValueKind));
        var cleared = cli.Single(a => a.Step == "get_entity_snapshot (cleared)").Answer.GetProperty("fields");
        Assert.True(!cleared.TryGetProperty("title", out var title) || title.ValueKind == JsonValueKind.Null, cleared.GetRawText());
        AssertSame(expected, Normalized(rest), "REST");
        AssertSame(expected, Normalized(mcp), "MCP");
        // The ids that must differ really do: each interface made its own runs.
        Assert.NotEqual(RunIdOf(cli), RunIdOf(rest));
        Assert.NotEqual(RunIdOf(rest), RunIdOf(mcp));
    }

    private static List<(string Step, JsonNode? Json)> Normalized(IReadOnlyList<(string Step, JsonElement Answer)> answers)
    {
        var normalizer = new JsonForComparison();
        return answers.Select(a => (a.Step, normalizer.Normalize(JsonNode.Parse(a.Answer.GetRawText())))).ToList();
    }

    private static void AssertSame(List<(string Step, JsonNode? Json)> expected, List<(string Step, JsonNode? Json)> actual, string name)
    {
        Assert.Equal(expected.Select(e => e.Step), actual.Select(a => a.Step));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(expected[i].Json, actual[i].Json),
                $"{name} differs from the CLI at '{expected[i].Step}'.\nCLI:   {expected[i].Json?.ToJsonString()}\n{name}: {actual[i].Json?.ToJsonString()}");
        }
    }

    private static string RunIdOf(IReadOnlyList<(string Step, JsonElement Answer)> answers) =>
        answers.Single(a => a.Step == "ingest").Answer.GetProperty("interpretation").GetProperty("run_id").GetString()!;
}
