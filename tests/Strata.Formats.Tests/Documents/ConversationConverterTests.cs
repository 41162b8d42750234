using System.Text;
using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Core.Imports;
using Strata.Formats.Chat.Import;
using Strata.Formats.Chat;
using Strata.Formats.Documents.Conversation;
using Strata.Formats.Documents;

namespace Strata.Formats.Tests.Documents;

public sealed class ConversationConverterTests
{
    private static async Task<List<DocumentBlock>> ConvertAsync(byte[] source)
    {
        var blocks = new List<DocumentBlock>();
        await foreach (var block in DocumentConverters.Default.ConvertAsync(CanonicalConversation.MediaType, new MemoryStream(source), CancellationToken.None))
        {
            blocks.Add(block);
        }
        return blocks;
    }

    [Fact]
    public async Task A_conversation_source_becomes_one_message_block_per_message_holding_its_text_role_and_time()
    {
        var export = """
            [{"uuid":"c1","name":"Coffee","chat_messages":[
              {"uuid":"m1","sender":"human","text":"I prefer oat milk.","created_at":"2024-01-05T08:00:00Z"},
              {"uuid":"m2","sender":"assistant","text":"Noted."}]}]
            """;
        CanonicalConversation read = null!;
        await foreach (var conversation in ChatExportReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(export)), CancellationToken.None)) read = conversation;
        var canonical = read;

        var blocks = await ConvertAsync(canonical.ToUtf8());

        Assert.Equal([0, 1], blocks.Select(b => b.Index));
        Assert.All(blocks, b => Assert.Equal(BlockType.Message, b.Type));
        Assert.Equal(["I prefer oat milk.", "Noted."], blocks.Select(b => b.Content));
        Assert.Equal("user", blocks[0].Attributes!["role"]);
        Assert.Equal("2024-01-05T08:00:00.0000000+00:00", blocks[0].Attributes!["time"]);
        Assert.Equal("m1", blocks[0].Attributes!["message_id"]);
        Assert.False(blocks[1].Attributes!.ContainsKey("time"));
        Assert.Equal(["Coffee"], blocks[0].HeadingPath);
        Assert.Equal(new ElementPath("conversation", "/messages[2]"), blocks[1].Locator);
    }

    [Fact]
    public void The_same_conversation_is_written_to_the_same_bytes_so_its_source_is_the_same()
    {
        var canonical = new CanonicalConversation("claude", "c1", "T", null, null, null,
            [new CanonicalMessage("m1", "user", null, "Hello", [new CanonicalPart("text", "Hello")], [])]);

        Assert.Equal(canonical.ToUtf8(), (canonical with { Messages = [.. canonical.Messages] }).ToUtf8());
        Assert.Equal(canonical, CanonicalConversation.Read(canonical.ToUtf8()) with { Messages = canonical.Messages });
    }

    [Fact]
    public async Task A_source_that_is_not_a_conversation_is_refused_as_malformed()
    {
        var refused = await Assert.ThrowsAsync<StrataException>(() => ConvertAsync("not json"u8.ToArray()));

        Assert.Equal(ErrorCodes.MalformedContent, refused.Code);
    }
}
