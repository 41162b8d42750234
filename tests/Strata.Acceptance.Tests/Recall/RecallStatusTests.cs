using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Imports;
using Strata.FakeLlm;

namespace Strata.Acceptance.Tests.Recall;

/// <summary>
/// <c>recall_status</c> on both databases: the embedding backfill's units done of total and its state while its provider
/// call is held (running, 0 of 10) and after it (done, 10 of 10), the same record from the CLI's <c>recall-status --json</c>;
/// without a provider, no embedding section. (REST and MCP: the isolation rows.)
/// </summary>
public sealed class RecallStatusTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_embedding_backfill_shows_its_units_done_of_total_and_its_state_while_it_runs_and_after(string backend)
    {
        await using var fake = await FakeLlmServer.StartAsync();
        using var strata = TestStrata.Create(backend,
            configurationJson: $$$"""{"Embeddings": {"Provider": "openai-compatible", "BaseUrl": "{{{fake.OpenAiBaseUrl}}}", "Model": "hash-64", "BatchSize": "3"}}""");
        var local = await strata.UserAsync("local");
        fake.Hold();
        await strata.Services.ChatImports.ImportAsync(local,
            new ChatImportRequest(MessageFiles.Of(MessageFiles.Friends()), ChatProviders.Messages, "friends.jsonl", FullPass: false), null, CancellationToken.None);
        var backfill = Task.Run(strata.RunDueJobsAsync);
        await Eventually.TrueAsync(() => Task.FromResult(fake.RequestsInFlight > 0), "the backfill called the embedder");

        var during = await strata.Services.RecallStatus.StatusAsync(local, CancellationToken.None);
        Assert.Equal(10, during.Units);
        Assert.Equal(("hash-64", 0L, 10L, "running"), (during.Embedding!.Model, during.Embedding.Done, during.Embedding.Total, during.Embedding.State));
        Assert.Equal((0, 0, "done"), (during.Index.Done, during.Index.Total, during.Index.State));
        fake.Release();
        await backfill;

        var after = await strata.Services.RecallStatus.StatusAsync(local, CancellationToken.None);
        Assert.Equal((10L, 10L, "done"), (after.Embedding!.Done, after.Embedding.Total, after.Embedding.State));
        Assert.Empty(after.Embedding.OtherModels);
        string[] database = strata.PostgresConnectionString is { } url ? ["--database", url] : [];
        var cli = await new StrataProcess(strata.DataDirectory).RunAsync([.. database, "--json", "recall-status"]);
        Assert.True(cli.Exit == 0, cli.Error);
        using var json = JsonDocument.Parse(cli.Out);
        Assert.Equal(10, json.RootElement.GetProperty("units").GetInt64());
        var embedding = json.RootElement.GetProperty("embedding");
        Assert.Equal(("hash-64", 10, 10, "done"), (embedding.GetProperty("model").GetString(), embedding.GetProperty("done").GetInt64(),
            embedding.GetProperty("total").GetInt64(), embedding.GetProperty("state").GetString()));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Without_a_provider_there_is_no_embedding_section(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        await strata.Services.ChatImports.ImportAsync(alice,
            new ChatImportRequest(MessageFiles.Of(MessageFiles.Friends()), ChatProviders.Messages, "friends.jsonl", FullPass: false), null, CancellationToken.None);
        await strata.RunDueJobsAsync();
        var status = await strata.Services.RecallStatus.StatusAsync(alice, CancellationToken.None);
        Assert.Equal(10, status.Units);
        Assert.Null(status.Embedding);
    }
}
