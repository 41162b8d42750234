using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Imports;
using Strata.Core.Recall;
using Strata.Core.Recall.Embeddings;
using Strata.Core.Storage;
using Strata.FakeLlm;

namespace Strata.Acceptance.Tests.Recall;

/// <summary>
/// The recall vectors kept in memory (<see cref="VectorMatrixCache"/>), on both databases, against the fake provider's
/// embeddings: the cached search ranks exactly as the scan of the database (scores, order, the tie rule, kind and time
/// filters); a vector added or a document deleted by another store on the same database is seen by the next question; a
/// second user's vectors never appear; a user over the cap is scanned with the same answer; and the bytes the cache
/// accounts never pass its cap.
/// </summary>
public sealed class VectorMatrixCacheTests
{
    private const string Model = "hash-64";

    /// <summary>Friends, plus a third conversation whose two messages say the same words (equal vectors: a tie the key breaks)
    /// and one of Friends' texts again in another conversation.</summary>
    private static readonly MessageFiles.Line[] Corpus =
    [
        .. MessageFiles.Friends(),
        new("s3", "s3-1", "Caroline", "2024-01-02T10:00:00Z", "The lake was frozen so we went skating."),
        new("s3", "s3-2", "Melanie", "2024-01-02T10:01:00Z", "The lake was frozen so we went skating."),
        new("s4", "s4-1", "Melanie", null, "We took the kids camping at Lake Tahoe, it was great."),
    ];

    private static readonly string[] Questions =
        ["camping with the kids at the lake", "adoption agency paperwork", "frozen lake skating", "painting a sunrise", "hospital job", "zebra"];

    private static RecallQuery Query(string user, string question, RecallFilter filter, RecallOptions options) =>
        new(question, RecallTerms.Of(question).ToList(), new HashSet<string> { RecallKinds.Message, RecallKinds.Block }, filter, null, options, () => false)
        {
            UserId = user,
        };

    private static async Task<(IReadOnlyList<(UnitKey Key, double Score)>? Cached, IReadOnlyList<(UnitKey Key, double Score)> Scanned)> BothAsync(
        IStrataStore store, VectorMatrixCache cache, string user, string question, RecallFilter filter, RecallOptions options)
    {
        var vector = FakeEmbeddings.Of(Model, question);
        await using var read = await store.OpenReadAsync(user, CancellationToken.None);
        var count = (await read.Recall.VectorCountsAsync(CancellationToken.None))[Model];
        var cached = await cache.NearestAsync(read.Recall, user, Model, count, vector, Query(user, question, filter, options), CancellationToken.None);
        var scanned = await VectorSearch.NearestAsync(read.Recall, Model, vector, Query(user, question, filter, options), CancellationToken.None);
        return (cached, scanned);
    }

    private static IEnumerable<RecallFilter> Filters()
    {
        var may = DateTimeOffset.Parse("2023-05-08T13:57:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        yield return new RecallFilter(true, true, null, null, null);
        yield return new RecallFilter(true, false, null, null, null);
        yield return new RecallFilter(false, true, null, null, null);
        yield return new RecallFilter(true, false, may, null, null);
        yield return new RecallFilter(true, false, null, may + 3600, null);
        yield return new RecallFilter(false, false, may, may + 86_400 * 365, null);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_cached_search_ranks_exactly_as_the_scan_with_every_kind_and_time_filter(string backend)
    {
        await using var fake = await FakeLlmServer.StartAsync();
        using var strata = TestStrata.Create(backend, configurationJson: EmbeddingRecallTests.Settings(fake));
        var alice = await EmbeddingRecallTests.FriendsAsync(strata, lines: Corpus);
        var cache = new VectorMatrixCache(1 << 20);
        // A candidate cap below the corpus's size, so the heap's cut and its tie rule are exercised too.
        var options = strata.Services.Options.Recall with { CandidatesPerSignal = 10 };

        foreach (var question in Questions)
        {
            foreach (var filter in Filters())
            {
                var (cached, scanned) = await BothAsync(strata.Services.Store, cache, alice, question, filter, options);
                Assert.NotNull(cached);
                Assert.Equal(scanned, cached);
            }
        }
        var all = await BothAsync(strata.Services.Store, cache, alice, "The lake was frozen so we went skating.", Filters().First(), options);
        Assert.Equal(all.Scanned[0].Score, all.Scanned[1].Score);
        Assert.True(all.Cached![0].Key.BlockIndex < all.Cached[1].Key.BlockIndex, "equal scores rank by key");
        Assert.InRange(cache.AccountedBytes, 13 * 64 * sizeof(float), cache.CapacityBytes);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_vector_added_or_a_document_deleted_by_another_store_is_seen_by_the_next_question(string backend)
    {
        await using var fake = await FakeLlmServer.StartAsync();
        using var strata = TestStrata.Create(backend, configurationJson: EmbeddingRecallTests.Settings(fake));
        var alice = await EmbeddingRecallTests.FriendsAsync(strata);
        // Another process on the same database, with its own cache: it answers first, holding Alice's vectors in memory.
        var (store, other) = await EmbeddingRecallTests.RestartedAsync(strata, EmbeddingRecallTests.Settings(fake));
        await using var closing = store as IAsyncDisposable;
        Task<RecallAnswer> AskOther(string question) =>
            other.Recall.RecallAsync(alice, new RecallRequest(question, 5, [RecallKinds.Message]), CancellationToken.None);
        Assert.DoesNotContain((await AskOther("octopus aquarium visit")).Results, r => r.Provenance.MessageId == "s9-1");
        Assert.True(other.Vectors.AccountedBytes > 0);

        // This process imports and embeds a message: the other's next question finds it by its vector alone.
        await strata.Services.ChatImports.ImportAsync(alice, new ChatImportRequest(MessageFiles.Of(
            new MessageFiles.Line("s9", "s9-1", "Caroline", "2024-02-01T10:00:00Z", "octopus aquarium visit")), ChatProviders.Messages, "s9.jsonl", FullPass: false),
            null, CancellationToken.None);
        await strata.RunDueJobsAsync();
        var found = await AskOther("octopus aquarium visit");
        Assert.Equal("s9-1", found.Results[0].Provenance.MessageId);
        Assert.True(found.Results[0].Scores[RecallSignals.Vector] > 0.99);
        Assert.Equal(11, found.Signals[RecallSignals.Vector]);

        // And deletes a conversation: none of its messages is a vector candidate of the other's next question.
        var s1 = strata.Rows("SELECT document_id FROM recall_units u WHERE kind = 'message' AND at = (SELECT MIN(at) FROM recall_units)")[0]["document_id=".Length..];
        await strata.Services.Deletions.DeleteDocumentAsync(alice, s1, CancellationToken.None);
        var after = await AskOther("Hey Mel! Guess what, I finally went to the adoption agency on Friday.");
        Assert.Equal(6, after.Signals[RecallSignals.Vector]); // s2's five and s9's one
        Assert.All(after.Results, r => Assert.NotEqual("s1", r.Provenance.ConversationId));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_user_over_the_cap_is_scanned_with_the_same_answer_and_the_cache_never_holds_more_than_its_cap(string backend)
    {
        await using var fake = await FakeLlmServer.StartAsync();
        using var strata = TestStrata.Create(backend, configurationJson: EmbeddingRecallTests.Settings(fake));
        var alice = await EmbeddingRecallTests.FriendsAsync(strata, lines: Corpus);
        var bob = await EmbeddingRecallTests.FriendsAsync(strata, "bob", [new("b1", "b1-1", "Bob", "2023-05-09T10:00:00Z", "My garage needs a new door before winter."),
            new("b1", "b1-2", "Bob", "2023-05-09T10:01:00Z", "The lake was frozen so we went skating.")]);
        var options = strata.Services.Options.Recall;

        // A cap below Alice's 13 vectors of 64 floats: not cached, scanned, the same answer, nothing said that is not so.
        var small = new VectorMatrixCache(VectorMatrixCache.ReservedBytes(13, 64) - 1);
        var (none, _) = await BothAsync(strata.Services.Store, small, alice, "frozen lake", Filters().First(), options);
        Assert.Null(none);
        Assert.Equal(0, small.PeakAccountedBytes);
        var capped = new RecallService(strata.Services.Store, options, RecallService.Layers(strata.Services.Embedder, strata.Services.Store.Jobs, small), strata.Clock);
        var scanning = new RecallService(strata.Services.Store, options, RecallService.Layers(strata.Services.Embedder, strata.Services.Store.Jobs), strata.Clock);
        var question = new RecallRequest("camping with the kids at the lake", 10, [RecallKinds.Message]);
        var over = await capped.RecallAsync(alice, question, CancellationToken.None);
        var scanned = await scanning.RecallAsync(alice, question, CancellationToken.None);
        Assert.Equal(scanned.Results.Select(r => (r.Provenance.MessageId, r.Score)), over.Results.Select(r => (r.Provenance.MessageId, r.Score)));
        Assert.Equal(scanned.PartialReasons, over.PartialReasons);

        // A cap that holds one user's vectors but not both: asked in turn, each evicts the other; the accounted bytes never
        // pass the cap, and Bob's answers hold only Bob's units (his words are Alice's too).
        var one = new VectorMatrixCache(VectorMatrixCache.ReservedBytes(13, 64));
        var cached = new RecallService(strata.Services.Store, options, RecallService.Layers(strata.Services.Embedder, strata.Services.Store.Jobs, one), strata.Clock);
        for (var turn = 0; turn < 3; turn++)
        {
            var bobs = await cached.RecallAsync(bob, new RecallRequest("The lake was frozen so we went skating.", 10, [RecallKinds.Message]), CancellationToken.None);
            Assert.All(bobs.Results, r => Assert.Equal("b1", r.Provenance.ConversationId));
            Assert.Equal(2, bobs.Signals[RecallSignals.Vector]);
            Assert.InRange(one.AccountedBytes, 1, 13 * 64 * sizeof(float) - 1); // Alice's matrix evicted for Bob's
            var alices = await cached.RecallAsync(alice, new RecallRequest("frozen lake skating", 10, [RecallKinds.Message]), CancellationToken.None);
            Assert.Contains(alices.Results, r => r.Provenance.MessageId == "s3-1");
            Assert.InRange(one.AccountedBytes, 1, one.CapacityBytes);
        }
        Assert.Equal(one.CapacityBytes, one.PeakAccountedBytes); // Alice's load reserved the whole cap, and no more
    }
}
