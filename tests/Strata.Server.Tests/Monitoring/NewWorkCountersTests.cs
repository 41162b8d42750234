using System.Net;
using System.Text;
using Strata.Core.Imports;
using Strata.FakeLlm;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Monitoring;

/// <summary>The counters of the newer work on /metrics: chat imports, block-run jobs, recall questions and exports, each moved by
/// the real thing happening in the server.</summary>
public abstract class NewWorkCountersTests
{
    private const string ChatExport = """[{"uuid":"conv-1","name":"Coffee","created_at":"2024-01-05T08:00:00Z","chat_messages":[{"uuid":"m1","sender":"human","text":"I prefer oat milk.","created_at":"2024-01-05T08:00:00Z"}]}]""";

    protected abstract Backend Backend { get; }

    [Fact]
    public async Task An_import_a_block_run_and_a_recall_question_are_counted()
    {
        await using var llm = await FakeLlmServer.StartAsync();
        await using var server = await RunningServer.StartAsync(backend: Backend, llmRuns: true, settings: FakeModelSettings.For(llm));
        var key = await server.CreateUserAsync("alice");
        using var client = server.Client(key);
        using var anonymous = server.Client(apiKey: null);
        var services = server.Services;
        var ct = CancellationToken.None;
        var alice = (await services.Users.AuthenticateAsync(key, ct))!.Id;
        var before = new PrometheusScrape(await anonymous.GetStringAsync("/metrics"));

        await services.ChatImports.ImportAsync(alice, new ChatImportRequest(new MemoryStream(Encoding.UTF8.GetBytes(ChatExport)), "claude", "alice.json"), null, ct);
        await (await client.PostAsync("/v1/recall", HttpTesting.JsonBody("""{"query":"what milk do I like"}"""))).JsonAsync();
        await services.Projects.CreateAsync(alice, "Contracts", ct);
        var document = await services.Documents.AddFileAsync(alice, "Contracts", new MemoryStream("# Lease\n\nThe tenant pays rent monthly.\n"u8.ToArray()),
            "lease.md", null, wait: true, ct);
        await services.BlockSchemas.RegisterAsync(alice, Samples.Json(Samples.BlockSchema), newVersion: false, ct);
        var run = await (await client.PostAsync("/v1/block-runs", HttpTesting.JsonBody(
            $$"""{"document_id":"{{document.Document.DocumentId}}","schema_ref":"clause-review"}"""))).JsonAsync(HttpStatusCode.Created);
        Assert.False(string.IsNullOrEmpty(run.GetRawText()));
        var after = await WaitForAsync(anonymous, scrape => scrape.Value("strata_block_run_jobs_total") >= 1);

        Assert.Equal(0, before.Value("strata_imports_total{provider=\"claude\"}"));
        Assert.Equal(1, after.Value("strata_imports_total{provider=\"claude\"}"));
        Assert.Equal(0, before.Value("strata_recall_queries_total"));
        Assert.Equal(1, after.Value("strata_recall_queries_total"));
        Assert.Equal(0, before.Value("strata_block_run_jobs_total"));
        Assert.Equal("counter", after.TypeOf("strata_block_run_jobs_total"));
    }

    [Fact]
    public async Task An_export_and_an_archive_download_are_counted_by_kind_once_sent_whole()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend, worker: false);
        using var client = server.Client(await server.CreateUserAsync("alice"));
        using var anonymous = server.Client(apiKey: null);
        await (await client.PostAsync("/v1/entities", HttpTesting.JsonBody($$"""{"entities":{{Samples.StructuredEntities}}}"""))).JsonAsync();
        var before = new PrometheusScrape(await anonymous.GetStringAsync("/metrics"));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/exports/entities?format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/archive")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/exports/documents/doc_000000000000000000000000")).StatusCode);
        var after = new PrometheusScrape(await anonymous.GetStringAsync("/metrics"));

        foreach (var kind in new[] { "entities", "archive", "document" }) Assert.Equal(0, before.Value($"strata_exports_total{{kind=\"{kind}\"}}"));
        Assert.Equal(1, after.Value("strata_exports_total{kind=\"entities\"}"));
        Assert.Equal(1, after.Value("strata_exports_total{kind=\"archive\"}"));
        Assert.Equal(0, after.Value("strata_exports_total{kind=\"document\"}")); // refused before its first byte: not an export
    }

    /// <summary>The worker takes the block run's jobs on its own: scrape until it has (the deadline is a hang guard).</summary>
    private static async Task<PrometheusScrape> WaitForAsync(HttpClient client, Func<PrometheusScrape, bool> done)
    {
        var giveUpAt = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            var scrape = new PrometheusScrape(await client.GetStringAsync("/metrics"));
            if (done(scrape)) return scrape;
            if (DateTimeOffset.UtcNow > giveUpAt) throw new Xunit.Sdk.XunitException("No block-run job was counted.");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}

public sealed class NewWorkCountersTestsOnSqlite : NewWorkCountersTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class NewWorkCountersTestsOnPostgres : NewWorkCountersTests
{
    protected override Backend Backend => Backend.Postgres;
}
