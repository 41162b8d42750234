using System.Text;
using Strata.Core.Errors;
using Strata.Core.Imports;
using Strata.Formats.Chat;

namespace Strata.Formats.Tests.Chat;

/// <summary>Text that is not Unicode inside a message stops the read as MALFORMED_CONTENT naming the conversation and the
/// message, after the conversations before it were handed out.</summary>
public sealed class InvalidChatTextTests
{
    public static TheoryData<string, byte[]> BadText() => new()
    {
        { "raw bytes that are not UTF-8", [0x66, 0xFF, 0xFE, 0x67] },
        { "an escaped lone surrogate", Encoding.UTF8.GetBytes("a\\ud800b") },
    };

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task Invalid_text_in_a_claude_message_names_the_conversation_and_the_message(string what, byte[] bad)
    {
        var export = Export(Conversation("c-1", "Fine", ("m-1", Encoding.UTF8.GetBytes("hello"))),
            Conversation("c-2", "Broken", ("m-2", Encoding.UTF8.GetBytes("fine")), ("m-3", bad)));
        var read = new List<CanonicalConversation>();

        var error = await Assert.ThrowsAsync<StrataException>(async () =>
        {
            await foreach (var conversation in ChatExportReader.ReadAsync(new MemoryStream(export), CancellationToken.None)) read.Add(conversation);
        });

        Assert.Equal(ErrorCodes.MalformedContent, error.Code);
        Assert.Contains("Conversation 2 of the export (c-2, \"Broken\")", error.Message);
        Assert.Contains("in message 2 (m-3)", error.Message);
        Assert.Equal(["c-1"], read.Select(c => c.Id));
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Fact]
    public async Task Invalid_text_in_a_chatgpt_message_names_the_message_id()
    {
        var text = Encoding.UTF8.GetBytes("""[{"id": "g-1", "title": "T", "mapping": {"n1": {"id": "n1", "children": [], "message": {"id": "msg-9", "author": {"role": "user"}, "content": {"content_type": "text", "parts": ["x\udc00y"]}}}}, "current_node": "n1"}]""");

        var error = await Assert.ThrowsAsync<StrataException>(async () =>
        {
            await foreach (var _ in ChatExportReader.ReadAsync(new MemoryStream(text), CancellationToken.None)) { }
        });

        Assert.Equal(ErrorCodes.MalformedContent, error.Code);
        Assert.Contains("(g-1, \"T\")", error.Message);
        Assert.Contains("in message 1 (msg-9)", error.Message);
    }

    private static byte[] Conversation(string id, string name, params (string Id, byte[] Text)[] messages)
    {
        var json = new MemoryStream();
        json.Write(Encoding.UTF8.GetBytes($$"""{"uuid": "{{id}}", "name": "{{name}}", "chat_messages": ["""));
        for (var i = 0; i < messages.Length; i++)
        {
            json.Write(Encoding.UTF8.GetBytes((i > 0 ? "," : "") + $$"""{"uuid": "{{messages[i].Id}}", "sender": "human", "text": """ + "\""));
            json.Write(messages[i].Text);
            json.Write(Encoding.UTF8.GetBytes("\"}"));
        }
        json.Write(Encoding.UTF8.GetBytes("]}"));
        return json.ToArray();
    }

    private static byte[] Export(params byte[][] conversations) =>
        [.. "["u8, .. conversations[0], .. ","u8, .. conversations[1], .. "]"u8];
}
