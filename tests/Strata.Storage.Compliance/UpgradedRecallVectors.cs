using Strata.Core.Recall;
using Strata.Core.Recall.Embeddings;
using Strata.Core.Storage;
using Xunit;

namespace Strata.Storage.Compliance;

/// <summary>
/// What a store whose vectors were written before migration 0335 (the backfill's walk index; on SQLite, recall_vectors
/// rebuilt as a rowid table) must do once upgraded, on either database: every vector reads back byte for byte, with its
/// model and only to its user; the walk finds exactly the unit that has no vector, in key order; and later writes follow
/// the same rules (a unit that has a vector keeps it). The rows (<see cref="Rows"/>): <see cref="UpgradedRecallIndex"/>'s
/// documents and blocks, each block indexed, and four vectors — usr_a's doc_chat:0 and doc_note:0 under fake-3, doc_chat:0
/// under old-2, usr_b's doc_other:0 under fake-3 — so usr_a's doc_chat:1 is the one unit of fake-3 without a vector.
/// </summary>
public static class UpgradedRecallVectors
{
    public const string Model = "fake-3";

    public static readonly byte[] ChatVector = Convert.FromHexString("0000003F0000A0BF00004040");
    public static readonly byte[] NoteVector = Convert.FromHexString("FFFF7F7F0000000000008080");
    public static readonly byte[] OldVector = Convert.FromHexString("0102030405060708");
    public static readonly byte[] OtherVector = Convert.FromHexString("0000803F0000803F0000803F");

    /// <summary>The rows, with <paramref name="time"/> a time literal of the database and <paramref name="blob"/> writing bytes
    /// as one of its literals.</summary>
    public static string Rows(string time, Func<byte[], string> blob) => UpgradedRecallIndex.Rows(time) + $"""

        INSERT INTO recall_units (user_id, document_id, block_index, kind, at, length)
        SELECT user_id, document_id, block_index, 'block', NULL, 6 FROM document_blocks;
        INSERT INTO recall_vectors (user_id, model, document_id, block_index, dimensions, vector)
        VALUES ('usr_a', 'fake-3', 'doc_chat', 0, 3, {blob(ChatVector)}),
               ('usr_a', 'fake-3', 'doc_note', 0, 3, {blob(NoteVector)}),
               ('usr_a', 'old-2', 'doc_chat', 0, 2, {blob(OldVector)}),
               ('usr_b', 'fake-3', 'doc_other', 0, 3, {blob(OtherVector)});
        """;

    public static async Task ReadBackByteForByteAndFollowLaterWritesAsync(IStrataStore store)
    {
        var all = new RecallFilter(true, true, null, null, null);
        await using (var read = await store.OpenReadAsync("usr_a", CancellationToken.None))
        {
            var vectors = await read.Recall.VectorsAsync(Model, all, null, 10, CancellationToken.None);
            Assert.Equal([new UnitKey("doc_chat", 0), new UnitKey("doc_note", 0)], vectors.Select(v => v.Key));
            Assert.Equal(ChatVector, vectors[0].Vector);
            Assert.Equal(NoteVector, vectors[1].Vector);
            Assert.Equal(OldVector, (await read.Recall.VectorsAsync("old-2", all, null, 10, CancellationToken.None)).Single().Vector);
            Assert.Equal(new Dictionary<string, long> { [Model] = 2, ["old-2"] = 1 },
                (await read.Recall.VectorCountsAsync(CancellationToken.None)).ToDictionary(c => c.Key, c => c.Value.Vectors));
            var missing = await read.Recall.UnembeddedAsync(Model, null, 10, CancellationToken.None);
            Assert.Equal([new UnitText(new UnitKey("doc_chat", 1), "How lovely, how old is he?")], missing);
            Assert.Empty(await read.Recall.UnembeddedAsync(Model, new UnitKey("doc_chat", 1), 10, CancellationToken.None));
        }
        await using (var other = await store.OpenReadAsync("usr_b", CancellationToken.None))
        {
            Assert.Equal(OtherVector, (await other.Recall.VectorsAsync(Model, all, null, 10, CancellationToken.None)).Single().Vector);
        }

        // The missing unit's vector is added; doc_chat:0's written again with other values keeps the old one.
        await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
        {
            await write.Recall.AddVectorsAsync(Model, [(new UnitKey("doc_chat", 0), [9f, 9f, 9f]), (new UnitKey("doc_chat", 1), [1f, 2f, 3f])], CancellationToken.None);
            await write.CommitAsync(CancellationToken.None);
        }
        await using var after = await store.OpenReadAsync("usr_a", CancellationToken.None);
        var now = await after.Recall.VectorsAsync(Model, all, null, 10, CancellationToken.None);
        Assert.Equal([ChatVector, VectorBytes.Of([1f, 2f, 3f]), NoteVector], now.Select(v => v.Vector));
        Assert.Empty(await after.Recall.UnembeddedAsync(Model, null, 10, CancellationToken.None));
    }

    /// <summary>After migration 0340 (which filled the statistics) or 0470 (which moved the vectors' count from a per-row
    /// trigger to the store's write, on SQLite; dropped their key on users, on PostgreSQL): the statistics equal what the
    /// rows give (usr_a's three units of length 6, her two fake-3 vectors and one old-2; usr_b's one of each), each user only
    /// their own; a vector added (beside one written again, which the insert skips and the count must not take) and an old-2
    /// vector dropped move the kept figures and the model's generation.</summary>
    public static async Task KeepTheCountsOfRowsWrittenBeforeAsync(IStrataStore store)
    {
        await using (var read = await store.OpenReadAsync("usr_a", CancellationToken.None))
        {
            Assert.Equal(new RecallStatistics(3, 18), await read.Recall.StatisticsAsync(CancellationToken.None));
            var counts = await read.Recall.VectorCountsAsync(CancellationToken.None);
            Assert.Equal([(Model, 2L), ("old-2", 1L)], counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value.Vectors)));
        }
        await using (var other = await store.OpenReadAsync("usr_b", CancellationToken.None))
        {
            Assert.Equal(new RecallStatistics(1, 6), await other.Recall.StatisticsAsync(CancellationToken.None));
            Assert.Equal([(Model, 1L)], (await other.Recall.VectorCountsAsync(CancellationToken.None)).Select(c => (c.Key, c.Value.Vectors)));
        }
        long before;
        await using (var read = await store.OpenReadAsync("usr_a", CancellationToken.None))
        {
            before = (await read.Recall.VectorCountsAsync(CancellationToken.None))[Model].Generation;
        }
        await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
        {
            await write.Recall.AddVectorsAsync(Model, [(new UnitKey("doc_chat", 0), [9f, 9f, 9f]), (new UnitKey("doc_chat", 1), [1f, 2f, 3f])],
                CancellationToken.None);
            Assert.Equal(1, await write.Recall.DeleteOtherModelsAsync(Model, CancellationToken.None));
            await write.CommitAsync(CancellationToken.None);
        }
        await using var after = await store.OpenReadAsync("usr_a", CancellationToken.None);
        var now = await after.Recall.VectorCountsAsync(CancellationToken.None);
        Assert.Equal([Model], now.Keys);
        Assert.Equal(3, now[Model].Vectors);
        Assert.True(now[Model].Generation > before);
        Assert.Equal(new RecallStatistics(3, 18), await after.Recall.StatisticsAsync(CancellationToken.None));
    }
}
