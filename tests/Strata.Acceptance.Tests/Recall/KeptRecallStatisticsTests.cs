using Strata.Acceptance.Tests.Support;
using Strata.Core.Imports;
using Strata.Core.Recall;
using Strata.FakeLlm;

namespace Strata.Acceptance.Tests.Recall;

/// <summary>
/// The recall statistics kept by migration 0340's triggers (BM25's unit count and total length per user, the vector count
/// per user and model) against the same figures counted afresh, on both databases, after several writers at once: imports
/// converted and embedded by three workers together, documents deleted while another import is converted and embedded, a
/// model change that drops the old model's vectors, and a project deleted while another user deletes a document.
/// </summary>
public sealed class KeptRecallStatisticsTests
{
    private static MessageFiles.Line[] Conversation(string name, int messages) =>
        Enumerable.Range(1, messages).Select(i => new MessageFiles.Line(name, $"{name}-{i}", i % 2 == 0 ? "Mel" : "Caroline",
            $"2023-05-{i % 28 + 1:00}T10:00:00Z", string.Join(' ', Enumerable.Repeat($"{name} message {i} about the lake and the painting", i % 4 + 1)))).ToArray();

    private static Task ImportAsync(TestStrata strata, string user, string name, int messages) =>
        Task.Run(() => strata.Services.ChatImports.ImportAsync(user,
            new ChatImportRequest(MessageFiles.Of(Conversation(name, messages)), ChatProviders.Messages, name + ".jsonl", FullPass: false), null, CancellationToken.None));

    private static Task DrainAsync(Strata.Core.StrataServices services, int workers) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(i => Task.Run(() => services.Jobs.DrainAsync($"worker-{i}", CancellationToken.None))));

    /// <summary>Every user's kept figures equal the counts of their rows (users with nothing left have nothing kept, or zeros).</summary>
    private static void AssertKeptEqualCounted(TestStrata strata, string step)
    {
        var counted = strata.Rows("""
            SELECT user_id, CAST(COUNT(*) AS BIGINT) AS units, CAST(SUM(length) AS BIGINT) AS total_length FROM recall_units GROUP BY user_id ORDER BY user_id
            """);
        var kept = strata.Rows("""
            SELECT user_id, CAST(SUM(units) AS BIGINT) AS units, CAST(SUM(total_length) AS BIGINT) AS total_length FROM recall_statistics
            GROUP BY user_id HAVING SUM(units) <> 0 OR SUM(total_length) <> 0 ORDER BY user_id
            """);
        Assert.True(counted.SequenceEqual(kept), $"{step}: counted [{string.Join(", ", counted)}], kept [{string.Join(", ", kept)}]");
        var vectors = strata.Rows("""
            SELECT user_id, model, CAST(COUNT(*) AS BIGINT) AS vectors FROM recall_vectors GROUP BY user_id, model ORDER BY user_id, model
            """);
        var keptVectors = strata.Rows("""
            SELECT user_id, model, CAST(SUM(vectors) AS BIGINT) AS vectors FROM recall_vector_counts
            GROUP BY user_id, model HAVING SUM(vectors) <> 0 ORDER BY user_id, model
            """);
        Assert.True(vectors.SequenceEqual(keptVectors), $"{step}: counted [{string.Join(", ", vectors)}], kept [{string.Join(", ", keptVectors)}]");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_kept_statistics_equal_fresh_counts_after_concurrent_imports_deletes_and_a_model_change(string backend)
    {
        await using var fake = await FakeLlmServer.StartAsync();
        using var strata = TestStrata.Create(backend, configurationJson: EmbeddingRecallTests.Settings(fake));
        var alice = await strata.UserAsync("alice");
        var bob = await strata.UserAsync("bob");

        // Eight imports at once, two users, then three workers converting and embedding them together.
        await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(i => new[] { ImportAsync(strata, alice, $"a{i}", 5 + 3 * i), ImportAsync(strata, bob, $"b{i}", 4 + i) }));
        await DrainAsync(strata.Services, 3);
        AssertKeptEqualCounted(strata, "after the imports");
        Assert.Equal(["n=38"], strata.Rows("SELECT COUNT(*) AS n FROM recall_vectors WHERE user_id = @alice", new { alice }));

        // Three of Alice's documents deleted at once while her next import is converted and embedded by two workers.
        var documents = strata.Rows("SELECT id FROM documents WHERE user_id = @alice ORDER BY id", new { alice }).Select(r => r["id=".Length..]).ToList();
        await ImportAsync(strata, alice, "a9", 12);
        await Task.WhenAll([.. documents.Take(3).Select(d => Task.Run(() => strata.Services.Deletions.DeleteDocumentAsync(alice, d, CancellationToken.None))),
            DrainAsync(strata.Services, 2)]);
        await DrainAsync(strata.Services, 1);
        AssertKeptEqualCounted(strata, "after the deletes");

        // The server restarted with another model: its backfill, two workers at once, drops the old model's vectors.
        var (store, restarted) = await EmbeddingRecallTests.RestartedAsync(strata, EmbeddingRecallTests.Settings(fake, model: "new-48"));
        await using (store as IAsyncDisposable)
        {
            await restarted.Recall.RecallAsync(alice, new RecallRequest("lake painting"), CancellationToken.None);
            await restarted.Recall.RecallAsync(bob, new RecallRequest("lake painting"), CancellationToken.None);
            await DrainAsync(restarted, 2);
        }
        Assert.Empty(strata.Rows("SELECT model FROM recall_vectors WHERE model <> 'new-48'"));
        AssertKeptEqualCounted(strata, "after the model change");

        // Alice's project deleted while Bob deletes one of his documents.
        var project = strata.Rows("SELECT DISTINCT project_id FROM documents WHERE user_id = @alice", new { alice }).Single()["project_id=".Length..];
        var bobs = strata.Rows("SELECT MIN(id) AS id FROM documents WHERE user_id = @bob", new { bob }).Single()["id=".Length..];
        await Task.WhenAll(Task.Run(() => strata.Services.Deletions.DeleteProjectAsync(alice, project, CancellationToken.None)),
            Task.Run(() => strata.Services.Deletions.DeleteDocumentAsync(bob, bobs, CancellationToken.None)));
        Assert.Empty(strata.Rows("SELECT document_id FROM recall_units WHERE user_id = @alice", new { alice }));
        AssertKeptEqualCounted(strata, "after the project's deletion");
        await using var read = await strata.Services.Store.OpenReadAsync(alice, CancellationToken.None);
        Assert.Equal(new RecallStatistics(0, 0), await read.Recall.StatisticsAsync(CancellationToken.None));
        Assert.Empty(await read.Recall.VectorCountsAsync(CancellationToken.None));
    }
}
