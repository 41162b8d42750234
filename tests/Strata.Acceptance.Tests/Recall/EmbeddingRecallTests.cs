using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Imports;
using Strata.Core.Jobs;
using Strata.Core.Recall;
using Strata.Core.Recall.Embeddings;
using Strata.Core.Storage;
using Strata.Llm.Embeddings;
using Strata.Sqlite;
using Strata.FakeLlm;

namespace Strata.Acceptance.Tests.Recall;

/// <summary>
/// The embedding port on both databases, against the fake provider's <c>/v1/embeddings</c> (a hashed bag of words): the
/// backfill runs as a background job while recall keeps answering, the vector signal then joins the fusion, a model
/// change re-embeds while the old vectors serve, a backfill killed with SIGKILL resumes without a duplicate, another user's
/// vectors are never candidates, and the scan's memory cap changes nothing in the answer. Without a provider there is no
/// vector signal at all.
/// </summary>
public sealed class EmbeddingRecallTests
{
    private const string Model = "hash-64";

    internal static string Settings(FakeLlmServer fake, string model = Model, int batchSize = 3, string extra = "") =>
        $$"""{"Embeddings": {"Provider": "openai-compatible", "BaseUrl": "{{fake.OpenAiBaseUrl}}", "Model": "{{model}}", "BatchSize": "{{batchSize}}"}{{extra}}}""";

    internal static async Task<string> FriendsAsync(TestStrata strata, string name = "alice", MessageFiles.Line[]? lines = null)
    {
        var user = await strata.UserAsync(name);
        await strata.Services.ChatImports.ImportAsync(user,
            new ChatImportRequest(MessageFiles.Of(lines ?? MessageFiles.Friends()), ChatProviders.Messages, "friends.jsonl", FullPass: false), null, CancellationToken.None);
        await strata.RunDueJobsAsync();
        return user;
    }

    /// <summary>The server restarted on the same database with an embedder configured by <paramref name="settings"/>, as another
    /// process would open it: a store of its own, the same blobs, clock and options (with <paramref name="unitsPerTransaction"/>
    /// units a backfill transaction when given). The caller disposes the store.</summary>
    internal static async Task<(IStrataStore Store, StrataServices Services)> RestartedAsync(TestStrata strata, string settings,
        int? unitsPerTransaction = null)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(settings))).Build();
        var store = await strata.OpenAnotherStoreAsync();
        var options = unitsPerTransaction is { } units
            ? strata.Services.Options with { Recall = strata.Services.Options.Recall with { BackfillUnitsPerTransaction = units } }
            : strata.Services.Options;
        return (store, new StrataServices(store, strata.Blobs, [], options, strata.Clock,
            embedder: EmbedderFactory.Create(configuration, strata.Clock, NullLoggerFactory.Instance)));
    }

    private static Task<RecallAnswer> AskAsync(TestStrata strata, string user, string question, int k = 5) =>
        strata.Services.Recall.RecallAsync(user, new RecallRequest(question, k, [RecallKinds.Message]), CancellationToken.None);

    private static long Vectors(TestStrata strata, string model) => long.Parse(strata.Rows("SELECT COUNT(*) AS n FROM recall_vectors WHERE model = @model",
        new { model })[0]["n=".Length..], System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_backfill_runs_in_the_background_while_recall_answers_and_then_the_vector_signal_joins_the_fusion(string backend)
    {
        await using var fake = await FakeLlmServer.StartAsync();
        using var strata = TestStrata.Create(backend, configurationJson: Settings(fake));
        var alice = await strata.UserAsync("alice");

        // The conversion queues the backfill; its provider call is held, and recall answers meanwhile from the committed
        // state: the lexical signals, saying that the vectors are not there yet.
        fake.Hold();
        await strata.Services.ChatImports.ImportAsync(alice,
            new ChatImportRequest(MessageFiles.Of(MessageFiles.Friends()), ChatProviders.Messages, "friends.jsonl", FullPass: false), null, CancellationToken.None);
        var backfill = Task.Run(strata.RunDueJobsAsync);
        await Eventually.TrueAsync(() => Task.FromResult(fake.RequestsInFlight > 0), "the backfill called the embedder");
        var during = await AskAsync(strata, alice, "adoption agency");
        Assert.Equal("s1-1", during.Results[0].Provenance.MessageId);
        Assert.True(during.Partial);
        Assert.Contains(during.PartialReasons, r => r.Contains("No vectors yet for model hash-64", StringComparison.Ordinal));
        Assert.False(during.Signals.ContainsKey(RecallSignals.Vector));
        Assert.False(backfill.IsCompleted);
        fake.Release();
        Assert.True(await backfill >= 2);

        var after = await AskAsync(strata, alice, "adoption agency");
        Assert.False(after.Partial, string.Join(" ", after.PartialReasons));
        Assert.Equal(10, after.Signals[RecallSignals.Vector]);
        Assert.Equal("s1-1", after.Results[0].Provenance.MessageId);
        Assert.True(after.Results[0].Scores[RecallSignals.Vector] > 0.3);
        Assert.Equal(10, Vectors(strata, Model));
        // Every call carried the configured model: the backfill's texts 3 at a time, then the question.
        var calls = fake.Requests.Where(r => r.Path == "/v1/embeddings").Select(r => r.Json).ToList();
        Assert.All(calls, c => Assert.Equal(Model, c["model"]!.GetValue<string>()));
        Assert.Equal([3, 3, 3, 1, 1], calls.Select(c => c["input"]!.AsArray().Count));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_model_change_re_embeds_in_the_background_while_the_old_vectors_keep_serving(string backend)
    {
        await using var fake = await FakeLlmServer.StartAsync();
        using var strata = TestStrata.Create(backend, configurationJson: Settings(fake, model: "old-32"));
        var alice = await FriendsAsync(strata);
        Assert.Equal(10, Vectors(strata, "old-32"));

        // The server restarts configured with another model, on the same database.
        var (store, restarted) = await RestartedAsync(strata, Settings(fake, model: "new-48"));
        await using var closing = store as IAsyncDisposable;
        Task<RecallAnswer> Ask() => restarted.Recall.RecallAsync(alice, new RecallRequest("painted sunrise lake", 5, [RecallKinds.Message]), CancellationToken.None);

        var served = await Ask();
        Assert.Equal(10, served.Signals[RecallSignals.Vector]);
        Assert.Equal("s1-4", served.Results[0].Provenance.MessageId);
        Assert.Equal("old-32", fake.Requests.Last(r => r.Path == "/v1/embeddings").Json["model"]!.GetValue<string>());
        Assert.Equal(0, Vectors(strata, "new-48"));

        Assert.Equal(1, await restarted.Jobs.DrainAsync("restarted", CancellationToken.None));
        Assert.Equal(10, Vectors(strata, "new-48"));
        Assert.Equal(0, Vectors(strata, "old-32"));
        Assert.Equal(["dimensions=48"], strata.Rows("SELECT DISTINCT dimensions FROM recall_vectors"));
        var renewed = await Ask();
        Assert.False(renewed.Partial, string.Join(" ", renewed.PartialReasons));
        Assert.Equal("s1-4", renewed.Results[0].Provenance.MessageId);
        Assert.Equal("new-48", fake.Requests.Last(r => r.Path == "/v1/embeddings").Json["model"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_backfill_killed_mid_batch_resumes_with_every_vector_once(string backend)
    {
        await using var fake = await FakeLlmServer.StartAsync();
        // Imported without a provider; then configured with one, and its backfill queued, for the worker the test kills.
        using var strata = TestStrata.Create(backend);
        var alice = await FriendsAsync(strata);
        await File.WriteAllTextAsync(Path.Combine(strata.DataDirectory, EmbeddedStrata.ConfigurationFileName),
            Settings(fake, extra: """, "Worker": {"CallerLeaseDuration": "2", "LeaseDuration": "2"}, "Recall": {"BackfillUnitsPerTransaction": "3"}"""));
        await strata.Services.Store.Jobs.EnqueueAsync(EmbeddingBackfillJobHandler.Request(alice, Model, "configured"), CancellationToken.None);
        string[] database = strata.PostgresConnectionString is { } url ? ["--database", url] : [];

        var marker = Path.Combine(strata.DataDirectory, "held");
        using (var child = StrataChild.StartHeldAt("embedding-batch", marker, strata.DataDirectory, [.. database, "worker", "--once"]))
        {
            if (!await child.HeldAsync()) Assert.Fail($"the backfill never reached its second batch: {(await child.KillAsync()).Error}");
            await child.KillAsync();
        }
        Assert.Equal(3, Vectors(strata, Model)); // the first batch committed, the second not

        var probe = new StoreProbe(strata.DataDirectory, strata.PostgresConnectionString);
        var expires = await probe.LeaseExpiryAsync(JobKinds.EmbedRecall);
        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > expires.AddSeconds(1)), "the killed worker's lease lapsed");
        await Eventually.TrueAsync(async () =>
        {
            var worker = await new StrataProcess(strata.DataDirectory).RunAsync([.. database, "worker", "--once"]);
            Assert.True(worker.Exit == 0, worker.Error);
            return Vectors(strata, Model) == 10;
        }, "a worker resumed the backfill");

        Assert.Equal(strata.Rows("SELECT document_id, block_index FROM recall_units ORDER BY document_id, block_index"),
            strata.Rows("SELECT document_id, block_index FROM recall_vectors ORDER BY document_id, block_index"));
        Assert.Empty(strata.Rows("SELECT model FROM recall_vectors WHERE model <> @Model", new { Model }));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Two_workers_racing_through_one_backfill_write_every_vector_once_each_its_own_units(string backend)
    {
        await using var fake = await FakeLlmServer.StartAsync();
        // Indexed without a provider; then a server configured with one finds two backfill jobs for the same user and model
        // (two occasions), a page of three units per transaction, so the two walks commit pages over each other.
        using var strata = TestStrata.Create(backend);
        var alice = await FriendsAsync(strata);
        var (store, restarted) = await RestartedAsync(strata, Settings(fake), unitsPerTransaction: 3);
        await using var closing = store as IAsyncDisposable;
        await store.Jobs.EnqueueAsync(EmbeddingBackfillJobHandler.Request(alice, Model, "first"), CancellationToken.None);
        await store.Jobs.EnqueueAsync(EmbeddingBackfillJobHandler.Request(alice, Model, "second"), CancellationToken.None);

        // Both walks hold their first page's call at once: each is about to write the same units.
        fake.Hold();
        var workers = new[] { "racer-1", "racer-2" }.Select(name => Task.Run(() => restarted.Jobs.DrainAsync(name, CancellationToken.None))).ToList();
        await Eventually.TrueAsync(() => Task.FromResult(fake.RequestsInFlight == 2), "both workers called the embedder for the same first page");
        fake.Release();
        Assert.Equal(2, (await Task.WhenAll(workers)).Sum());
        Assert.DoesNotContain(await store.Jobs.CountAsync(CancellationToken.None), c => c.Kind == JobKinds.EmbedRecall && c.State != JobStates.Completed);

        // One vector per unit, every unit's own (the fake's embedding of its text), whichever worker wrote it.
        Assert.Empty(strata.Rows("SELECT document_id, block_index FROM recall_vectors GROUP BY document_id, block_index HAVING COUNT(*) > 1"));
        await using var read = await store.OpenReadAsync(alice, CancellationToken.None);
        var vectors = await read.Recall.VectorsAsync(Model, new RecallFilter(true, true, null, null, null), null, 100, CancellationToken.None);
        Assert.Equal(10, vectors.Count);
        foreach (var vector in vectors)
        {
            var text = strata.Rows("SELECT content FROM document_blocks WHERE document_id = @DocumentId AND block_index = @BlockIndex", vector.Key)[0]["content=".Length..];
            Assert.Equal(VectorBytes.Of(FakeEmbeddings.Of(Model, text)), vector.Vector);
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_write_that_fails_fails_the_attempt_with_nothing_after_it_written_and_the_retry_embeds_the_units_still_missing(string backend)
    {
        await using var fake = await FakeLlmServer.StartAsync();
        using var strata = TestStrata.Create(backend);
        var alice = await FriendsAsync(strata);
        var (store, restarted) = await RestartedAsync(strata, Settings(fake), unitsPerTransaction: 3);
        await using var closing = store as IAsyncDisposable;
        await store.Jobs.EnqueueAsync(EmbeddingBackfillJobHandler.Request(alice, Model, "configured"), CancellationToken.None);

        // The first page's call is held while the page's first unit is removed: its vector then has no unit to belong to,
        // and the page's write fails (a foreign key) after the next pages were read and embedded.
        fake.Hold();
        var attempt = Task.Run(() => restarted.Jobs.DrainAsync("worker", CancellationToken.None));
        await Eventually.TrueAsync(() => Task.FromResult(fake.RequestsInFlight == 1), "the backfill called the embedder for its first page");
        strata.Rows("""
            DELETE FROM recall_units WHERE document_id = (SELECT MIN(document_id) FROM recall_units) AND block_index = 0
            """);
        fake.Release();
        Assert.Equal(1, await attempt);
        var job = await store.Jobs.FindBySubjectAsync(JobKinds.EmbedRecall, alice, CancellationToken.None);
        Assert.Equal(JobStates.Retryable, job!.State);
        Assert.Equal(0, Vectors(strata, Model));

        strata.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await restarted.Jobs.DrainAsync("worker", CancellationToken.None));
        Assert.Equal(9, Vectors(strata, Model));
        Assert.Equal(strata.Rows("SELECT document_id, block_index FROM recall_units ORDER BY document_id, block_index"),
            strata.Rows("SELECT document_id, block_index FROM recall_vectors ORDER BY document_id, block_index"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Another_users_vectors_are_never_candidates_and_the_memory_cap_changes_nothing(string backend)
    {
        await using var fake = await FakeLlmServer.StartAsync();
        using var strata = TestStrata.Create(backend, configurationJson: Settings(fake));
        var alice = await FriendsAsync(strata);
        var bob = await FriendsAsync(strata, "bob", [new("b1", "b1-1", "Bob", "2023-05-09T10:00:00Z", "My garage needs a new door before winter.")]);

        // Bob asks Alice's words exactly: her vectors would be the nearest, and none is a candidate.
        var bobs = await AskAsync(strata, bob, "Hey Mel! Guess what, I finally went to the adoption agency on Friday.", k: 10);
        Assert.Equal(1, bobs.Signals[RecallSignals.Vector]);
        Assert.All(bobs.Results, r => Assert.Equal("b1", r.Provenance.ConversationId));

        // A scan cap of one vector at a time (64 dimensions of 4 bytes: 256 bytes) gives the same answer as the default.
        var tiny = new RecallService(strata.Services.Store, strata.Services.Options.Recall with { VectorScanBytes = 256 },
            RecallService.Layers(strata.Services.Embedder, strata.Services.Store.Jobs), strata.Clock);
        var question = new RecallRequest("camping with the kids at the lake", 10, [RecallKinds.Message]);
        var capped = await tiny.RecallAsync(alice, question, CancellationToken.None);
        var whole = await strata.Services.Recall.RecallAsync(alice, question, CancellationToken.None);
        Assert.Equal(10, capped.Signals[RecallSignals.Vector]);
        Assert.Equal(whole.Results.Select(r => (r.Provenance.MessageId, r.Score)), capped.Results.Select(r => (r.Provenance.MessageId, r.Score)));
    }

    [Fact]
    public async Task Without_a_provider_nothing_is_embedded_and_recall_has_no_vector_signal()
    {
        using var strata = TestStrata.Create(Backends.Sqlite);
        var alice = await FriendsAsync(strata);
        var answer = await AskAsync(strata, alice, "adoption agency");
        Assert.Null(strata.Services.Embedder);
        Assert.False(answer.Signals.ContainsKey(RecallSignals.Vector));
        Assert.False(answer.Partial, string.Join(" ", answer.PartialReasons));
        Assert.Equal(0, await strata.RunDueJobsAsync());
        Assert.Equal(0, Vectors(strata, Model));
    }
}
