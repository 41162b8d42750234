using System.IO.Compression;
using System.Text;
using Strata.Core.Errors;
using Strata.Core.Imports;
using Strata.Formats.Chat;
using Strata.Formats.Tests.Support;

namespace Strata.Formats.Tests.Chat;

public sealed class ChatExportReaderTests
{
    private static async Task<List<CanonicalConversation>> ReadAsync(Stream stream)
    {
        var conversations = new List<CanonicalConversation>();
        await foreach (var conversation in ChatExportReader.ReadAsync(stream, CancellationToken.None))
        {
            conversations.Add(conversation);
        }
        return conversations;
    }

    private static Task<List<CanonicalConversation>> ReadFixtureAsync(string folder, string file) =>
        ReadAsync(File.OpenRead(Fixture.Path("chat", folder, file)));

    [Theory]
    [InlineData("chat_fixtures_context_carry", "chatgpt_conversations.json", "chatgpt", 2)]
    [InlineData("chat_fixtures_context_carry", "claude_conversations.json", "claude", 1)]
    [InlineData("chat_fixtures_misc", "bot-knows_chatgpt_export.json", "chatgpt", 2)]
    [InlineData("chat_fixtures_misc", "bot-knows_claude_export.json", "claude", 1)]
    [InlineData("chat_fixtures_misc", "chatlectify_chatgpt_export.json", "chatgpt", 1)]
    [InlineData("chat_fixtures_misc", "chatlectify_claude_export.json", "claude", 1)]
    [InlineData("claude_export_simonw", "example.json", "claude", 1)]
    [InlineData("claude_export_simonw", "artifacts.json", "claude", 1)]
    public async Task Every_fixture_export_imports_with_its_messages(string folder, string file, string provider, int count)
    {
        var conversations = await ReadFixtureAsync(folder, file);

        Assert.Equal(count, conversations.Count);
        Assert.All(conversations, c =>
        {
            Assert.Equal(provider, c.Provider);
            Assert.False(string.IsNullOrEmpty(c.Id));
            Assert.NotEmpty(c.Messages);
            Assert.All(c.Messages, m => Assert.Contains(m.Role, new[] { "user", "assistant", "system", "tool" }));
        });
    }

    [Fact]
    public async Task A_chatgpt_branch_without_current_node_ends_at_the_latest_leaf_and_keeps_only_that_branch()
    {
        var conversations = await ReadFixtureAsync("chat_fixtures_context_carry", "chatgpt_conversations.json");

        var branching = conversations.Single(c => c.Title == "Branching Test");
        Assert.Equal(["Explain MQTT protocol", "MQTT is a lightweight messaging protocol designed for IoT devices."],
            branching.Messages.Select(m => m.Text));
        Assert.Equal(["user", "assistant"], branching.Messages.Select(m => m.Role));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700001001), branching.Messages[0].CreatedAt);
        Assert.Equal("gizmo-project-1", conversations.Single(c => c.Title == "Hello World Test").ProjectId);
    }

    [Fact]
    public async Task A_current_node_chooses_the_branch_even_when_another_leaf_is_newer()
    {
        var json = """
            [{"id":"c","title":"t","current_node":"b1","mapping":{
              "r":{"id":"r","children":["a"],"message":null},
              "a":{"id":"a","parent":"r","children":["b1","b2"],"message":{"id":"a","author":{"role":"user"},"content":{"content_type":"text","parts":["q"]},"create_time":1}},
              "b1":{"id":"b1","parent":"a","children":[],"message":{"id":"b1","author":{"role":"assistant"},"content":{"content_type":"text","parts":["chosen"]},"create_time":2}},
              "b2":{"id":"b2","parent":"a","children":[],"message":{"id":"b2","author":{"role":"assistant"},"content":{"content_type":"text","parts":["newer"]},"create_time":3}}}}]
            """;

        var conversation = Assert.Single(await ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Equal(["q", "chosen"], conversation.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Claude_thinking_and_tool_use_are_kept_as_parts_but_are_not_the_message_text()
    {
        var conversation = Assert.Single(await ReadFixtureAsync("chat_fixtures_context_carry", "claude_conversations.json"));

        var last = conversation.Messages[^1];
        Assert.Equal("Here is an example with fetch.", last.Text);
        Assert.Equal([ConversationPartKinds.Thinking, ConversationPartKinds.Text, ConversationPartKinds.ToolUse], last.Parts.Select(p => p.Kind));
        Assert.StartsWith("create_artifact {", last.Parts[2].Text);
        Assert.Equal("user", conversation.Messages[0].Role);
    }

    [Fact]
    public async Task Claude_files_and_attachments_become_named_attachments()
    {
        var conversation = Assert.Single(await ReadFixtureAsync("claude_export_simonw", "example.json"));

        Assert.Equal("CleanShot 20241017 at 22.29.542x.png", Assert.Single(conversation.Messages[0].Attachments).Name);
        Assert.Equal("Turn this into a bash command", conversation.Messages[0].Text);
    }

    [Fact]
    public async Task Hidden_messages_are_left_out_custom_instructions_kept_and_unknown_content_kept_as_json()
    {
        var json = """
            [{"id":"c","mapping":{
              "r":{"id":"r","children":["s"],"message":null},
              "s":{"id":"s","parent":"r","children":["u"],"message":{"id":"s","author":{"role":"system"},"content":{"content_type":"text","parts":["hidden prompt"]},"metadata":{"is_visually_hidden_from_conversation":true}}},
              "u":{"id":"u","parent":"s","children":["x"],"message":{"id":"u","author":{"role":"user"},"content":{"content_type":"user_editable_context","user_profile":"I am a nurse in Leeds.","user_instructions":"Be brief."},"metadata":{"is_visually_hidden_from_conversation":true}}},
              "x":{"id":"x","parent":"u","children":["m"],"message":{"id":"x","author":{"role":"assistant"},"content":{"content_type":"hologram","beam":1}}},
              "m":{"id":"m","parent":"x","children":[],"message":{"id":"m","author":{"role":"user"},"content":{"content_type":"multimodal_text","parts":[{"content_type":"image_asset_pointer","asset_pointer":"file-service://img1","size_bytes":42},"what is this?"]}}}}}]
            """;

        var conversation = Assert.Single(await ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Equal(["system", "assistant", "user"], conversation.Messages.Select(m => m.Role));
        Assert.Equal("I am a nurse in Leeds.\n\nBe brief.", conversation.Messages[0].Text);
        Assert.Equal("unknown:hologram", Assert.Single(conversation.Messages[1].Parts).Kind);
        Assert.Contains("\"beam\"", conversation.Messages[1].Parts[0].Text);
        Assert.Equal("what is this?", conversation.Messages[2].Text);
        Assert.Equal(new CanonicalAttachment("file-service://img1", "image_asset_pointer", 42), Assert.Single(conversation.Messages[2].Attachments));
    }

    [Fact]
    public async Task A_broken_export_says_where_it_broke_and_the_conversations_before_it_are_already_read()
    {
        var whole = await File.ReadAllTextAsync(Fixture.Path("chat", "chat_fixtures_context_carry", "chatgpt_conversations.json"));
        var broken = whole[..(whole.IndexOf("\"Branching Test\"", StringComparison.Ordinal) + 30)];
        var read = new List<CanonicalConversation>();

        var error = await Assert.ThrowsAsync<StrataException>(async () =>
        {
            await foreach (var conversation in ChatExportReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(broken)), CancellationToken.None))
            {
                read.Add(conversation);
            }
        });

        Assert.Equal(ErrorCodes.MalformedContent, error.Code);
        Assert.Contains("after conversation 1", error.Message);
        Assert.Equal("Hello World Test", Assert.Single(read).Title);
    }

    [Fact]
    public async Task A_chatgpt_zip_is_read_from_its_conversations_json()
    {
        var zipPath = Path.Combine(Path.GetTempPath(), $"strata-chat-{Guid.NewGuid():N}.zip");
        try
        {
            using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
            {
                zip.CreateEntryFromFile(Fixture.Path("chat", "chat_fixtures_context_carry", "chatgpt_conversations.json"), "conversations.json");
                zip.CreateEntry("chat.html");
            }
            await using var export = await ChatExportFile.OpenAsync(zipPath, CancellationToken.None);

            var conversations = await ReadAsync(export.Conversations);

            Assert.Equal(["Hello World Test", "Branching Test"], conversations.Select(c => c.Title));
        }
        finally
        {
            File.Delete(zipPath);
        }
    }

    private const int LargeExportConversations = 20_000; // about 60 MB of JSON

    [Fact]
    public async Task A_large_export_streams_with_the_live_heap_bounded_by_one_conversation_not_the_export()
    {
        var measured = await ChildMeasurement.RunAsync(typeof(ChatExportReaderTests), nameof(ReadLargeExportAndMeasureAsync));

        Assert.Equal(LargeExportConversations, measured["conversations"]);
        Assert.Equal(LargeExportConversations * 6L, measured["messages"]);
        Assert.True(measured["peak_heap"] < 24 * 1024 * 1024, $"the live heap reached {measured["peak_heap"] / 1024 / 1024} MB");
    }

    /// <summary>Runs in the measuring child (a process of its own, so the heap is the reader's alone): the export read,
    /// and the live heap every 2,000 conversations.</summary>
    public static async Task<Dictionary<string, long>> ReadLargeExportAndMeasureAsync()
    {
        long seen = 0, messages = 0, peak = 0;
        await foreach (var conversation in ChatExportReader.ReadAsync(GeneratedStream.FromText(Export(LargeExportConversations)), CancellationToken.None))
        {
            messages += conversation.Messages.Count;
            if (++seen % 2_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            }
        }
        return new() { ["conversations"] = seen, ["messages"] = messages, ["peak_heap"] = peak };
    }

    private static IEnumerable<string> Export(int count)
    {
        var words = string.Join(' ', Enumerable.Repeat("some words said in a long chat message", 12));
        yield return "[";
        for (var i = 0; i < count; i++)
        {
            var messages = string.Join(",", Enumerable.Range(0, 6).Select(m =>
                $$"""{"uuid":"m{{i}}-{{m}}","sender":"{{(m % 2 == 0 ? "human" : "assistant")}}","created_at":"2024-01-01T00:00:00Z","text":"{{words}} {{i}}"}"""));
            yield return $$"""{{(i == 0 ? "" : ",")}}{"uuid":"c{{i}}","name":"Conversation {{i}}","chat_messages":[{{messages}}]}""";
        }
        yield return "]";
    }
}
