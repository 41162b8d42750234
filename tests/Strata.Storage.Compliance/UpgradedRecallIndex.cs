using Microsoft.Extensions.Logging.Abstractions;
using Strata.Core.Jobs;
using Strata.Core.Recall;
using Strata.Core.Storage;
using Xunit;

namespace Strata.Storage.Compliance;

/// <summary>
/// What a store whose documents were converted before the recall index existed (rows written before migration 0060) must
/// do once upgraded, on either database: recall says the documents are not indexed yet (0 of 2 for usr_a), the background
/// index run that migration 0260 queued indexes them, after which recall finds usr_a's message and block with their
/// provenance, and nothing of usr_b's; with an embedding model the run queues the embedding backfill.
/// The rows (<see cref="Rows"/>, in each database's SQL of the time): usr_a's conversation doc_chat (two messages) and
/// note doc_note (one paragraph), usr_b's note doc_other.
/// </summary>
public static class UpgradedRecallIndex
{
    public const string Model = "fake-embed-384";

    /// <summary>The rows, with <c>{T}</c> for a time literal of the database.</summary>
    public static string Rows(string time) => """
        INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', {T}), ('usr_b', 'b', 'free', {T});
        INSERT INTO sources (id, user_id, content_hash, byte_size, mime_type, original_filename, storage_status, created_at)
        VALUES ('src_chat', 'usr_a', 'h1', 10, 'application/json', 'chat.json', 'stored', {T}),
               ('src_note', 'usr_a', 'h2', 10, 'text/markdown', 'kennel.md', 'stored', {T}),
               ('src_other', 'usr_b', 'h3', 10, 'text/markdown', 'other.md', 'stored', {T});
        INSERT INTO projects (id, user_id, name, created_at, updated_at)
        VALUES ('prj_a', 'usr_a', 'default', {T}, {T}), ('prj_b', 'usr_b', 'default', {T}, {T});
        INSERT INTO documents (id, user_id, project_id, source_id, name, media_type, status, block_count, created_at, updated_at)
        VALUES ('doc_chat', 'usr_a', 'prj_a', 'src_chat', 'Dogs', 'application/json', 'ingested', 2, {T}, {T}),
               ('doc_note', 'usr_a', 'prj_a', 'src_note', 'kennel.md', 'text/markdown', 'ingested', 1, {T}, {T}),
               ('doc_other', 'usr_b', 'prj_b', 'src_other', 'other.md', 'text/markdown', 'ingested', 1, {T}, {T});
        INSERT INTO document_blocks (user_id, document_id, block_index, block_uid, block_type, content, heading_path, locator, attributes)
        VALUES ('usr_a', 'doc_chat', 0, 'conv_a:0', 'message', 'We adopted a rescue greyhound named Comet.', '["Dogs"]',
                '{"kind":"text_offset_range","start":0,"end":42}', '{"speaker":"Caroline","conversation_id":"c1","message_id":"m1","time":"2023-05-08T13:56:00Z"}'),
               ('usr_a', 'doc_chat', 1, 'conv_a:1', 'message', 'How lovely, how old is he?', '["Dogs"]',
                '{"kind":"text_offset_range","start":42,"end":68}', '{"speaker":"Mel","conversation_id":"c1","message_id":"m2","time":"2023-05-08T13:57:00Z"}'),
               ('usr_a', 'doc_note', 0, 'note_a:0', 'paragraph', 'The greyhound kennel opens at nine.', '[]',
                '{"kind":"text_offset_range","start":0,"end":35}', NULL),
               ('usr_b', 'doc_other', 0, 'note_b:0', 'paragraph', 'Another greyhound, not yours.', '[]',
                '{"kind":"text_offset_range","start":0,"end":29}', NULL);
        """.Replace("{T}", time, StringComparison.Ordinal);

    public static async Task AreIndexedInTheBackgroundAndFoundAsync(IStrataStore store)
    {
        var recall = new RecallService(store, new RecallOptions(), RecallService.Layers(null, store.Jobs), TimeProvider.System);
        var before = await recall.RecallAsync("usr_a", new RecallRequest("greyhound"), CancellationToken.None);
        Assert.Empty(before.Results);
        Assert.True(before.Partial);
        Assert.Contains(before.PartialReasons, r => r.StartsWith("0 of 2 document(s) converted before the recall index existed are indexed", StringComparison.Ordinal));

        // The migration queued one run per user with pending documents; the question queued one more for usr_a. Two workers
        // race through them: every unit is indexed once whoever writes it.
        Assert.Equal(3, (await store.Jobs.CountAsync(CancellationToken.None)).Where(c => c.Kind == JobKinds.IndexRecall && c.State == JobStates.Available).Sum(c => c.Count));
        var runner = new JobRunner(store.Jobs, [new RecallIndexBackfillJobHandler(store, Model)], new WorkerOptions(), TimeProvider.System,
            NullLogger<JobRunner>.Instance);
        var ran = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(() => runner.DrainAsync($"upgrade-worker-{i}", CancellationToken.None))));
        Assert.Equal(3, ran.Sum());
        Assert.DoesNotContain(await store.Jobs.CountAsync(CancellationToken.None), c => c.Kind == JobKinds.IndexRecall && c.State != JobStates.Completed);

        var after = await recall.RecallAsync("usr_a", new RecallRequest("greyhound"), CancellationToken.None);
        Assert.False(after.Partial, string.Join("; ", after.PartialReasons));
        // The two that say it, and the reply to the message that does (the neighbour signal: the units around it are indexed too).
        Assert.Equal(["conv_a:0", "conv_a:1", "note_a:0"], after.Results.Select(r => r.Provenance.BlockUid).Order(StringComparer.Ordinal));
        Assert.Equal(["neighbour"], after.Results.Single(r => r.Provenance.BlockUid == "conv_a:1").Scores.Keys);
        var message = after.Results.Single(r => r.Provenance.BlockUid == "conv_a:0");
        Assert.Equal(("c1", "m1", "Caroline"), (message.Provenance.ConversationId, message.Provenance.MessageId, message.Provenance.Speaker));
        // Found by its speaker and month too: the fields a message is indexed with.
        var bySpeaker = await recall.RecallAsync("usr_a", new RecallRequest("what did Caroline say in May?", Kinds: ["message"]), CancellationToken.None);
        Assert.Equal("m1", bySpeaker.Results[0].Provenance.MessageId);
        var other = await recall.RecallAsync("usr_b", new RecallRequest("greyhound"), CancellationToken.None);
        Assert.Equal(["note_b:0"], other.Results.Select(r => r.Provenance.BlockUid));

        await using var read = await store.OpenReadAsync("usr_a", CancellationToken.None);
        Assert.Equal(new PendingDocuments(0, 0), await read.Recall.PendingDocumentsAsync(CancellationToken.None));
        Assert.Equal(3, (await read.Recall.StatisticsAsync(CancellationToken.None)).Units);
        // With an embedding model, the run queued the vectors' backfill of the units it indexed.
        Assert.NotNull(await store.Jobs.FindBySubjectAsync(JobKinds.EmbedRecall, "usr_a", CancellationToken.None));
    }
}
