using System.Text;
using Strata.Acceptance.Tests.Llm;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Imports;
using Strata.FakeLlm;

namespace Strata.Acceptance.Tests.Chat;

/// <summary>The full pass through the fake model: facts become observations whose quote is located in its message,
/// a newer preference wins and the older stays, MEMORY.md shows them, and a pass broken halfway keeps the quick pass
/// and resumes where it stopped.</summary>
public sealed class ChatFullPassTests
{
    private const string OatMilk = """
        {"items":[{"item_id":"0","entities":[
          {"entity_type":"preference","fields":[
            {"name":"topic","value":"milk in coffee","evidence":"milk in my coffee"},
            {"name":"value","value":"oat milk","evidence":"I prefer oat milk"}]},
          {"entity_type":"project","fields":[
            {"name":"name","value":"Strata","evidence":"working on Strata"},
            {"name":"description","value":"a memory server","evidence":"a memory server"}]}]}]}
        """;

    private const string AlmondMilk = """
        {"items":[{"item_id":"0","entities":[
          {"entity_type":"preference","fields":[
            {"name":"topic","value":"milk in coffee","evidence":"milk in my coffee"},
            {"name":"value","value":"almond milk","evidence":"these days I prefer almond milk"}]},
          {"entity_type":"project","fields":[{"name":"name","value":"Strata","evidence":"Strata"}]}]}]}
        """;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Facts_trace_to_the_exact_words_of_their_message_and_a_newer_preference_wins(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.When("I prefer oat milk", FakeReply.Json(OatMilk)).When("almond milk", FakeReply.Json(AlmondMilk));
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, FakeProvider.Anthropic));
        var user = await strata.UserAsync("alice");
        var export = ChatExports.Claude(
            ("c1", "Coffee", [("human", "Hi! For the record, I prefer oat milk in my coffee. I am working on Strata, a memory server.", "2024-01-05T08:00:00Z"),
                ("assistant", "Noted.", "2024-01-05T08:00:03Z")]),
            ("c2", "Coffee again", [("human", "Update on milk in my coffee: these days I prefer almond milk. Still on Strata.", "2024-06-01T08:00:00Z")]),
            ("c3", "Weather", [("human", "Will it rain?", "2024-06-02T08:00:00Z")]));

        var imported = await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(export, "claude", "export.json"), null, CancellationToken.None);
        Assert.Equal(ChatImportStatuses.QuickReady, imported.Status);
        Assert.True(imported.FullPassQueued);
        await strata.RunDueJobsAsync();

        var done = await strata.Services.ChatImports.GetAsync(user, imported.ImportId, CancellationToken.None);
        Assert.Equal(ChatImportStatuses.Complete, done.Status);
        Assert.Equal(3, done.Progress.FullPassConversations);
        Assert.Equal(1.0, done.Progress.FullPassFraction);
        Assert.Null(done.Error);

        // One preference entity with both observations; the newer (June) wins, the older stays as history.
        var preferences = await strata.Services.Entities.RetrieveAsync(user, "preference", null, false, false, new Paging(10), CancellationToken.None);
        var preference = Assert.Single(preferences.Entities);
        var snapshot = await strata.Services.Entities.GetSnapshotAsync(user, preference.EntityId, null, CancellationToken.None);
        Assert.Equal("almond milk", snapshot.Fields["value"].GetString());
        Assert.Equal(2, snapshot.ObservationCount);
        var projectEntities = await strata.Services.Entities.RetrieveAsync(user, "project", null, false, false, new Paging(10), CancellationToken.None);
        Assert.Single(projectEntities.Entities);

        // Fact → observation → message block → characters: the quote is exactly there.
        var winning = snapshot.Provenance!["value"];
        await using (var session = await strata.Services.Store.OpenReadAsync(user, CancellationToken.None))
        {
            var evidence = Assert.Single(await session.ChatImports.ListEvidenceAsync(winning, CancellationToken.None), e => e.Field == "value");
            Assert.True(evidence.Found);
            var source = await session.Sources.GetAsync(evidence.SourceId, CancellationToken.None);
            await using var content = await strata.Services.Blobs.OpenReadAsync(source!.BlobKey, CancellationToken.None);
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer);
            var conversation = CanonicalConversation.Read(buffer.ToArray());
            Assert.Equal("c2", conversation.Id);
            Assert.Equal(ConversationBlocks.BlockUid(source.ContentHash, evidence.MessageIndex), evidence.BlockUid);
            Assert.Equal("c2-m0", evidence.MessageId);
            Assert.Equal("these days I prefer almond milk",
                conversation.Messages[evidence.MessageIndex].Text.Substring(evidence.Start!.Value, evidence.Length!.Value));
            // The conversation is a document of message blocks: the block named by the evidence holds the same words there.
            var block = await strata.Services.Documents.GetBlockAsync(user, evidence.BlockUid, CancellationToken.None);
            Assert.Equal("message", block.Type);
            Assert.Equal("user", block.Attributes!["role"]);
            Assert.Equal("2024-06-01T08:00:00.0000000+00:00", block.Attributes["time"]);
            Assert.Equal(["Coffee again"], block.HeadingPath);
            Assert.Equal("these days I prefer almond milk", block.Content.Substring(evidence.Start.Value, evidence.Length.Value));
        }
        // The same trail through get_chat_evidence: by the entity's field, and by the observation (every field of it).
        var traced = await strata.Services.ChatEvidence.GetAsync(user, null, preference.EntityId, "value", CancellationToken.None);
        Assert.Equal((winning, preference.EntityId, "value"), (traced.ObservationId, traced.EntityId, traced.Field));
        var said = Assert.Single(traced.Evidence);
        Assert.Equal(("c2", "Coffee again", 0, "c2-m0", "user"), (said.ConversationId, said.ConversationTitle, said.MessageIndex, said.MessageId, said.Role));
        Assert.Equal(DateTimeOffset.Parse("2024-06-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), said.Time);
        Assert.Equal("these days I prefer almond milk", said.Text);
        Assert.Equal("Update on milk in my coffee: ".Length, said.CharStart);
        Assert.Equal("these days I prefer almond milk".Length, said.CharLength);
        var byObservation = await strata.Services.ChatEvidence.GetAsync(user, winning, null, null, CancellationToken.None);
        Assert.Equal(["topic", "value"], byObservation.Evidence.Select(e => e.Field).Order());
        Assert.Equal("milk in my coffee", byObservation.Evidence.Single(e => e.Field == "topic").Text);
        var notFound = await Assert.ThrowsAsync<Strata.Core.Errors.StrataException>(() =>
            strata.Services.ChatEvidence.GetAsync(user, "obs_000000000000000000000000", null, null, CancellationToken.None));
        Assert.Equal(Strata.Core.Errors.ErrorCodes.ObservationNotFound, notFound.Code);
        var projects = await strata.Services.Projects.ListAsync(user, new Paging(10), CancellationToken.None);
        Assert.Equal("Claude history", Assert.Single(projects.Projects).Name);

        var memory = await strata.Services.Memory.RenderAsync(user, null, CancellationToken.None);
        Assert.Contains("## Preferences", memory.Markdown);
        Assert.Contains($"- milk in coffee: almond milk ([{preference.EntityId}](strata://entities/{preference.EntityId}))", memory.Markdown);
        Assert.Contains("**Strata**: a memory server", memory.Markdown);
        Assert.Contains("## People\n\nNothing yet.", memory.Markdown);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_full_pass_broken_halfway_keeps_the_quick_pass_fails_with_the_error_and_resumes_where_it_stopped(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        // The model answers the first conversation, then breaks (every call an error) for the second.
        server.Script.When("I prefer oat milk", FakeReply.Json(OatMilk)).When("almond milk", FakeReply.Status(400));
        using var strata = TestStrata.Create(backend, configurationJson: """{"ChatImport":{"FullPassConcurrency":1}}""",
            llm: FakeProvider.Runs(server, FakeProvider.Anthropic));
        var user = await strata.UserAsync("alice");
        var export = ChatExports.Claude(
            ("c1", "Coffee", [("human", "I prefer oat milk in my coffee. I am working on Strata, a memory server, and I am writing about it at length.", "2024-01-05T08:00:00Z")]),
            ("c2", "Coffee again", [("human", "Milk in my coffee: these days I prefer almond milk.", "2024-06-01T08:00:00Z")]));

        var imported = await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(export, "claude", null), null, CancellationToken.None);
        await strata.RunDueJobsAsync();

        var failed = await strata.Services.ChatImports.GetAsync(user, imported.ImportId, CancellationToken.None);
        Assert.Equal(ChatImportStatuses.Failed, failed.Status);
        Assert.Contains("1 conversation(s) failed", failed.Error);
        Assert.Contains("Coffee again", failed.Error);
        Assert.Equal(1, failed.Progress.FullPassConversations);
        Assert.NotNull(failed.Profile); // the quick pass stays
        var memory = await strata.Services.Memory.RenderAsync(user, null, CancellationToken.None);
        Assert.Contains("oat milk", memory.Markdown);
        // Extraction calls only: the profile of MEMORY.md (generated once the pass completes) reads the user's words too.
        static bool ReadsOatMilk(RecordedRequest r) => r.Body.Contains("I prefer oat milk", StringComparison.Ordinal) && r.Body.Contains("<item id=", StringComparison.Ordinal);
        var oatCalls = server.Requests.Count(ReadsOatMilk);

        server.Script.Clear();
        server.Script.When("almond milk", FakeReply.Json(AlmondMilk));
        var resumed = await strata.Services.ChatImports.ResumeAsync(user, imported.ImportId, CancellationToken.None);
        Assert.True(resumed.FullPassQueued);
        await strata.RunDueJobsAsync();

        var complete = await strata.Services.ChatImports.GetAsync(user, imported.ImportId, CancellationToken.None);
        Assert.Equal(ChatImportStatuses.Complete, complete.Status);
        Assert.Equal(2, complete.Progress.FullPassConversations);
        // The conversation done before the break was not read again.
        Assert.Equal(oatCalls, server.Requests.Count(ReadsOatMilk));
        memory = await strata.Services.Memory.RenderAsync(user, null, CancellationToken.None);
        Assert.Contains("almond milk", memory.Markdown);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Importing_the_same_export_again_with_its_full_pass_calls_no_model_and_adds_no_fact(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.When("I prefer oat milk", FakeReply.Json(OatMilk));
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, FakeProvider.Anthropic));
        var user = await strata.UserAsync("alice");
        MemoryStream Export() => ChatExports.Claude(
            ("c1", "Coffee", [("human", "I prefer oat milk in my coffee. I am working on Strata, a memory server.", "2024-01-05T08:00:00Z")]));
        await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(Export(), "claude", null), null, CancellationToken.None);
        await strata.RunDueJobsAsync();
        var calls = server.Requests.Count;
        var observations = strata.Counts()["observations"];
        var runs = strata.Counts()["runs"];

        var again = await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(Export(), "claude", null), null, CancellationToken.None);
        await strata.RunDueJobsAsync();

        var done = await strata.Services.ChatImports.GetAsync(user, again.ImportId, CancellationToken.None);
        Assert.Equal(ChatImportStatuses.Complete, done.Status);
        Assert.Equal((1, 1, 0), (done.Progress.FullPassConversations, done.Counts.ConversationsUnchanged, done.Counts.Facts));
        Assert.Equal(calls, server.Requests.Count);
        Assert.Equal((observations, runs), (strata.Counts()["observations"], strata.Counts()["runs"]));
    }
}
