using System.Net;
using System.Text;
using System.Text.Json;
using Strata.FakeLlm;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Rest;

/// <summary>list_block_runs over several documents at once (document_ids, what the project page asks once per page):
/// their runs in one list, oldest first, paged by the usual cursor; per_document keeps each document's oldest N, numbered
/// by the database, so one document's many runs cannot crowd out another's. Over REST (comma-separated) and MCP (a JSON
/// array), on both databases.</summary>
public abstract class BlockRunListTests : IAsyncLifetime
{
    protected abstract Backend Backend { get; }

    private static readonly CancellationToken None = CancellationToken.None;

    private FakeLlmServer _llm = null!;
    private RunningServer _server = null!;
    private string _key = "";
    private string _user = "";

    public async Task InitializeAsync()
    {
        _llm = await FakeLlmServer.StartAsync();
        _server = await RunningServer.StartAsync(backend: Backend, llmRuns: true, settings: FakeModelSettings.For(_llm));
        _key = await _server.CreateUserAsync("alice");
        _user = (await _server.Services.Users.AuthenticateAsync(_key, None))!.Id;
        await _server.Services.Projects.CreateAsync(_user, "Leases", None);
        using var schema = JsonDocument.Parse("""{"schema_ref":"clause","properties":{"topic":{"type":"string"}}}""");
        await _server.Services.BlockSchemas.RegisterAsync(_user, schema.RootElement, false, None);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _llm.DisposeAsync();
    }

    /// <summary>A document of the project with <paramref name="runs"/> block runs of the schema.</summary>
    private async Task<string> DocumentAsync(string name, int runs)
    {
        var document = (await _server.Services.Documents.AddFileAsync(_user, "Leases", new MemoryStream(Encoding.UTF8.GetBytes($"# {name}\n\nThe tenant pays.\n")),
            name, null, true, None)).Document.DocumentId;
        for (var i = 0; i < runs; i++) await _server.Services.Review.StartRunAsync(_user, document, "clause", null, null, None);
        return document;
    }

    private static List<(string Run, string Document)> Runs(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(r => (r.GetProperty("run_id").GetString()!, r.GetProperty("document_id").GetString()!)).ToList();

    [Fact]
    public async Task The_listed_documents_runs_come_in_one_list_oldest_first_and_per_document_keeps_each_ones_oldest()
    {
        var (a, b, c) = (await DocumentAsync("a.md", 3), await DocumentAsync("b.md", 1), await DocumentAsync("c.md", 2));
        using var client = _server.Client(_key);
        // The project's list holds every run oldest first: the listed documents' runs must be exactly its rows of a and b.
        var project = Runs(await (await client.GetAsync("/v1/block-runs?project_id=Leases")).JsonAsync());
        var expected = project.Where(r => r.Document == a || r.Document == b).ToList();
        var oldestTwo = expected.Where(r => r.Document == b || expected.Where(e => e.Document == a).Take(2).Contains(r)).ToList();

        var listed = await (await client.GetAsync($"/v1/block-runs?document_ids={a},{b}&include_total=true")).JsonAsync();
        var capped = await (await client.GetAsync($"/v1/block-runs?document_ids={a},{b}&per_document=2&include_total=true")).JsonAsync();

        Assert.Equal(6, project.Count);
        Assert.Equal((4, 4), (Runs(listed).Count, listed.GetProperty("total").GetInt32()));
        Assert.Equal(expected, Runs(listed));
        Assert.DoesNotContain(Runs(listed), r => r.Document == c);
        Assert.Equal(3, capped.GetProperty("total").GetInt32());
        Assert.Equal(oldestTwo, Runs(capped));

        // Paged by the cursor, the capped list loses and repeats nothing.
        var first = await (await client.GetAsync($"/v1/block-runs?document_ids={a},{b}&per_document=2&limit=2")).JsonAsync();
        var cursor = first.GetProperty("next_cursor").GetString()!;
        var second = await (await client.GetAsync($"/v1/block-runs?document_ids={a},{b}&per_document=2&limit=2&cursor={Uri.EscapeDataString(cursor)}")).JsonAsync();
        Assert.Equal(oldestTwo, [.. Runs(first), .. Runs(second)]);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);

        // MCP takes the same list as a JSON array, and answers the same runs.
        await using var mcp = await McpConnections.OverHttpAsync(_server, _key);
        var viaMcp = await mcp.CallAsync("list_block_runs", $$"""{"document_ids":["{{a}}","{{b}}"],"per_document":2}""");
        Assert.True(viaMcp.IsError is not true, McpConnections.Text(viaMcp));
        Assert.Equal(oldestTwo, Runs(viaMcp.Structured()));
    }

    [Fact]
    public async Task More_than_a_hundred_document_ids_or_per_document_without_them_is_refused_as_VALIDATION_FAILED()
    {
        var a = await DocumentAsync("a.md", 1);
        using var client = _server.Client(_key);
        var hundred = Enumerable.Range(0, 99).Select(i => $"doc_{i:D24}").Append(a).ToList();

        var tooMany = await client.GetAsync($"/v1/block-runs?document_ids={string.Join(',', hundred.Append("doc_one_more"))}");
        var atMost = await client.GetAsync($"/v1/block-runs?document_ids={string.Join(',', hundred)}");

        Assert.Equal("VALIDATION_FAILED", await tooMany.ProblemCodeAsync(HttpStatusCode.BadRequest));
        // A hundred is allowed: the ids are checked next, and the 99 made-up ones are missing documents.
        Assert.Equal("DOCUMENT_NOT_FOUND", await atMost.ProblemCodeAsync(HttpStatusCode.NotFound));
        foreach (var query in new[]
        {
            $"document_id={a}&per_document=2", $"project_id=Leases&per_document=2", $"document_ids={a}&project_id=Leases",
            $"document_ids={a}&document_id={a}", $"document_ids={a}&per_document=0", $"document_ids={a}&per_document=501", "document_ids=,",
        })
        {
            Assert.Equal("VALIDATION_FAILED", await (await client.GetAsync($"/v1/block-runs?{query}")).ProblemCodeAsync(HttpStatusCode.BadRequest));
        }
    }
}

public sealed class BlockRunListTestsOnSqlite : BlockRunListTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class BlockRunListTestsOnPostgres : BlockRunListTests
{
    protected override Backend Backend => Backend.Postgres;
}
