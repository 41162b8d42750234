using Strata.Core.Recall;
using Strata.Core.Storage;
using Xunit;

namespace Strata.Storage.Compliance;

/// <summary>
/// What a store whose recall index was written one row per posting (before migration 0360) must do once upgraded, on
/// either database: every posting reads back with its unit, kind, time, length and counts, only to its user, within the
/// same kind and time conditions and the same per-word cap; recall finds what it found; removing a document's blocks
/// removes its postings; and a unit indexed again adds nothing. The rows (<see cref="Rows"/>): <see cref="UpgradedRecallIndex"/>'s
/// documents and blocks, each indexed, with the postings below written the old way.
/// </summary>
public static class UpgradedRecallPostings
{
    private const long First = 1683554160;  // 2023-05-08T13:56:00Z
    private const long Second = 1683554220;

    public static string Rows(string time) => UpgradedRecallIndex.Rows(time) + $"""

        INSERT INTO recall_units (user_id, document_id, block_index, kind, at, length)
        VALUES ('usr_a', 'doc_chat', 0, 'message', {First}, 9), ('usr_a', 'doc_chat', 1, 'message', {Second}, 8),
               ('usr_a', 'doc_note', 0, 'block', NULL, 6), ('usr_b', 'doc_other', 0, 'block', NULL, 5);
        INSERT INTO recall_postings (user_id, term, document_id, block_index, kind, at, length, tf_text, tf_meta)
        VALUES ('usr_a', 'greyhound', 'doc_chat', 0, 'message', {First}, 9, 1, 0),
               ('usr_a', 'caroline', 'doc_chat', 0, 'message', {First}, 9, 0, 1),
               ('usr_a', 'may', 'doc_chat', 0, 'message', {First}, 9, 0, 2),
               ('usr_a', 'may', 'doc_chat', 1, 'message', {Second}, 8, 0, 1),
               ('usr_a', 'lovely', 'doc_chat', 1, 'message', {Second}, 8, 3, 0),
               ('usr_a', 'greyhound', 'doc_note', 0, 'block', NULL, 6, 1, 0),
               ('usr_b', 'greyhound', 'doc_other', 0, 'block', NULL, 5, 1, 0);
        """;

    /// <summary>A term's postings, or null when over the cap.</summary>
    private static async Task<List<RecallPosting>?> PostingsAsync(IStoreReader session, string term, RecallFilter filter, int cap, CancellationToken cancellationToken)
    {
        var into = new List<RecallPosting>();
        return await session.Recall.PostingsAsync(term, filter, cap, into, cancellationToken) ? into : null;
    }

    public static async Task ReadBackAndFollowLaterWritesAsync(IStrataStore store)
    {
        var all = new RecallFilter(true, true, null, null, null);
        var chat0 = new RecallPosting(new UnitKey("doc_chat", 0), RecallKinds.Message, First, 9, 1, 0);
        var note0 = new RecallPosting(new UnitKey("doc_note", 0), RecallKinds.Block, null, 6, 1, 0);
        await using (var read = await store.OpenReadAsync("usr_a", CancellationToken.None))
        {
            Assert.Equal([chat0, note0], await PostingsAsync(read, "greyhound", all, 100, CancellationToken.None));
            Assert.Equal([chat0 with { TextCount = 0, MetaCount = 2 }, new RecallPosting(new UnitKey("doc_chat", 1), RecallKinds.Message, Second, 8, 0, 1)],
                await PostingsAsync(read, "may", all, 100, CancellationToken.None));
            Assert.Equal([new RecallPosting(new UnitKey("doc_chat", 1), RecallKinds.Message, Second, 8, 3, 0)],
                await PostingsAsync(read, "lovely", all, 100, CancellationToken.None));
            // The same conditions as the rows had: one kind, a window, and a word over the cap left unread.
            Assert.Equal([chat0], await PostingsAsync(read, "greyhound", all with { Blocks = false }, 100, CancellationToken.None));
            Assert.Equal([note0], await PostingsAsync(read, "greyhound", all with { Messages = false }, 100, CancellationToken.None));
            Assert.Equal([new UnitKey("doc_chat", 1)], (await PostingsAsync(read, "may", all with { From = Second }, 100, CancellationToken.None))!
                .Select(p => p.Key));
            Assert.Equal([new UnitKey("doc_chat", 0)], (await PostingsAsync(read, "may", all with { To = Second }, 100, CancellationToken.None))!
                .Select(p => p.Key));
            Assert.Equal([chat0], await PostingsAsync(read, "greyhound", all with { From = 0 }, 100, CancellationToken.None));
            Assert.Null(await PostingsAsync(read, "may", all, 1, CancellationToken.None));
            Assert.Null(await PostingsAsync(read, "may", all with { Blocks = false }, 1, CancellationToken.None));
            Assert.NotNull(await PostingsAsync(read, "may", all with { From = Second }, 1, CancellationToken.None));
            Assert.Empty((await PostingsAsync(read, "greyhound", all with { ProjectId = "prj_b" }, 100, CancellationToken.None))!);
            Assert.Equal(2, (await PostingsAsync(read, "greyhound", all with { ProjectId = "prj_a" }, 100, CancellationToken.None))!.Count);
        }
        await using (var other = await store.OpenReadAsync("usr_b", CancellationToken.None))
        {
            Assert.Equal([new RecallPosting(new UnitKey("doc_other", 0), RecallKinds.Block, null, 5, 1, 0)],
                await PostingsAsync(other, "greyhound", all, 100, CancellationToken.None));
            Assert.Empty((await PostingsAsync(other, "lovely", all, 100, CancellationToken.None))!);
        }

        var recall = new RecallService(store, new RecallOptions(), RecallService.DefaultLayers, TimeProvider.System);
        var found = await recall.RecallAsync("usr_a", new RecallRequest("greyhound"), CancellationToken.None);
        Assert.False(found.Partial, string.Join("; ", found.PartialReasons));
        Assert.Equal(["conv_a:0", "note_a:0"], found.Results.Where(r => r.Scores.ContainsKey(RecallSignals.Bm25)).Select(r => r.Provenance.BlockUid)
            .Order(StringComparer.Ordinal));

        // A unit indexed again adds no posting; a document's blocks removed take its postings with them.
        await using (var write = await store.OpenWriteAsync("usr_a", CancellationToken.None))
        {
            await write.Recall.AddAsync([new RecallUnit("doc_chat", 0, RecallKinds.Message, First, 9,
                new Dictionary<string, TermCount> { ["comet"] = new(1, 0), ["greyhound"] = new(5, 0) })], CancellationToken.None);
            await write.DocumentBlocks.DeleteByDocumentAsync("doc_note", CancellationToken.None);
            await write.CommitAsync(CancellationToken.None);
        }
        await using var after = await store.OpenReadAsync("usr_a", CancellationToken.None);
        Assert.Empty((await PostingsAsync(after, "comet", all, 100, CancellationToken.None))!);
        Assert.Equal([chat0], await PostingsAsync(after, "greyhound", all, 100, CancellationToken.None));
        Assert.Equal(new RecallStatistics(2, 17), await after.Recall.StatisticsAsync(CancellationToken.None));
        await using var otherAfter = await store.OpenReadAsync("usr_b", CancellationToken.None);
        Assert.Single((await PostingsAsync(otherAfter, "greyhound", all, 100, CancellationToken.None))!);
    }
}
