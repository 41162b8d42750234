using System.Text;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Imports;
using Strata.Core;

namespace Strata.Acceptance.Tests.Recall;

/// <summary><c>import messages</c>: a JSON Lines message file becomes conversations (sources and documents of message
/// blocks) with the file's message ids and speakers kept; the same file again adds nothing; a broken file says which line.</summary>
public sealed class MessageImportTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_message_file_becomes_conversations_of_message_blocks_keeping_ids_and_speakers(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var user = await strata.UserAsync("alice");

        var import = await strata.Services.ChatImports.ImportAsync(user,
            new ChatImportRequest(MessageFiles.Of(MessageFiles.Friends()), ChatProviders.Messages, "friends.jsonl", FullPass: false), null, CancellationToken.None);
        await strata.RunDueJobsAsync();
        var again = await strata.Services.ChatImports.ImportAsync(user,
            new ChatImportRequest(MessageFiles.Of(MessageFiles.Friends()), ChatProviders.Messages, "friends.jsonl", FullPass: false), null, CancellationToken.None);

        Assert.Equal(ChatImportStatuses.QuickReady, import.Status);
        Assert.Equal(2, import.Counts.ConversationsAdded);
        Assert.Equal(10, import.Counts.Messages);
        Assert.False(import.FullPassQueued);
        Assert.Equal(0, again.Counts.ConversationsAdded);
        Assert.Equal(2, again.Counts.ConversationsUnchanged);
        var project = (await strata.Services.Projects.ListAsync(user, new Paging(), CancellationToken.None)).Projects.Single();
        Assert.Equal("Message history", project.Name);
        var documents = await strata.Services.Documents.ListAsync(user, project.ProjectId, null, new Paging(), CancellationToken.None);
        var summer = documents.Documents.Single(d => d.Name == "Summer news");
        var blocks = await strata.Services.Documents.ListBlocksAsync(user, summer.DocumentId, new Paging(), CancellationToken.None);
        Assert.Equal(["s2-1", "s2-2", "s2-3", "s2-4", "s2-5"], blocks.Blocks.Select(b => b.Attributes!["message_id"]));
        Assert.Equal("Caroline", blocks.Blocks[1].Attributes!["speaker"]);
        Assert.Equal("s2", blocks.Blocks[1].Attributes!["conversation_id"]);
        Assert.Equal("Lucky you. My new job at the hospital starts in September.", blocks.Blocks[1].Content);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_broken_line_fails_the_import_naming_the_line_and_keeps_the_conversations_before_it(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var user = await strata.UserAsync("alice");
        var lines = "{\"conversation_id\":\"a\",\"message_id\":\"1\",\"text\":\"First.\"}\n"
            + "{\"conversation_id\":\"b\",\"message_id\":\"1\",\"text\":\"Second.\"}\n"
            + "{\"conversation_id\":\"b\",\"message_id\":\"2\",\"text\": broken\n";

        var import = await strata.Services.ChatImports.ImportAsync(user,
            new ChatImportRequest(new MemoryStream(Encoding.UTF8.GetBytes(lines)), ChatProviders.Messages, "broken.jsonl"), null, CancellationToken.None);

        Assert.Equal(ChatImportStatuses.Failed, import.Status);
        Assert.Contains("Line 3 is not JSON", import.Error);
        Assert.Equal(1, import.Counts.Conversations); // conversation a; b broke before it ended
    }

    [Theory]
    [InlineData("{\"conversation_id\":\"a\",\"message_id\":\"1\",\"text\":\"x\"}\n{\"conversation_id\":\"b\",\"message_id\":\"1\",\"text\":\"y\"}\n{\"conversation_id\":\"a\",\"message_id\":\"2\",\"text\":\"z\"}\n",
        "Line 3: conversation 'a' came back after another conversation's lines")]
    [InlineData("{\"conversation_id\":\"a\",\"text\":\"x\"}\n", "Line 1 has no 'message_id'")]
    [InlineData("{\"conversation_id\":\"a\",\"message_id\":\"1\",\"time\":\"last tuesday\",\"text\":\"x\"}\n", "Line 1: 'time' \"last tuesday\" is not an ISO 8601 time")]
    [InlineData("[1,2]\n", "Line 1 is a JSON array, not a message object")]
    public async Task A_line_that_is_not_a_message_is_refused_with_its_number(string lines, string error)
    {
        using var strata = TestStrata.Create(Backends.Sqlite);
        var user = await strata.UserAsync("alice");

        var import = await strata.Services.ChatImports.ImportAsync(user,
            new ChatImportRequest(new MemoryStream(Encoding.UTF8.GetBytes(lines)), ChatProviders.Messages, "bad.jsonl"), null, CancellationToken.None);

        Assert.Equal(ChatImportStatuses.Failed, import.Status);
        Assert.Contains(error, import.Error);
    }
}
