using System.Text.Json;
using Strata.Core.Imports;

namespace Strata.Formats.Chat;

/// <summary>
/// One Claude conversation (an element of <c>conversations.json</c>): <c>chat_messages</c> in order, <c>sender</c>
/// human → user. A message's <c>content</c> blocks are read when present (text, thinking, tool_use, tool_result;
/// other types kept as <c>unknown:&lt;type&gt;</c> with their JSON), else its plain <c>text</c>; <c>attachments</c>
/// (with any extracted text) and <c>files</c> become named attachments.
/// </summary>
internal static class ClaudeConversationReader
{
    public static CanonicalConversation Read(JsonElement conversation, int index)
    {
        var messages = conversation.Array("chat_messages").Select(Message).OfType<CanonicalMessage>().ToList();
        var id = conversation.String("uuid") ?? $"claude-conversation-{index}";
        var project = conversation.String("project_uuid") ?? conversation.Child("project")?.String("uuid");
        return new CanonicalConversation("claude", id, conversation.String("name"), conversation.Time("created_at"),
            conversation.Time("updated_at"), project, messages);
    }

    private static CanonicalMessage? Message(JsonElement message)
    {
        var parts = new List<CanonicalPart>();
        var blocks = message.Array("content").ToList();
        foreach (var block in blocks)
        {
            var type = block.String("type") ?? "text";
            var part = type switch
            {
                "text" => Part(ConversationPartKinds.Text, block.String("text")),
                "thinking" => Part(ConversationPartKinds.Thinking, block.String("thinking")),
                "tool_use" => Part(ConversationPartKinds.ToolUse,
                    $"{block.String("name") ?? "tool"} {(block.Child("input") is { } input ? input.GetRawText() : "{}")}"),
                "tool_result" => Part(ConversationPartKinds.ToolResult, ToolResultText(block)),
                _ => new CanonicalPart(ConversationPartKinds.Unknown + type, block.GetRawText()),
            };
            if (part is not null)
            {
                parts.Add(part);
            }
        }
        if (blocks.Count == 0 && Part(ConversationPartKinds.Text, message.String("text")) is { } text)
        {
            parts.Add(text);
        }
        var attachments = message.Array("attachments")
            .Select(a => new CanonicalAttachment(a.String("file_name") ?? "attachment", a.String("file_type"), a.Long("file_size"))
            {
                ExtractedText = a.String("extracted_content"),
            })
            .Concat(message.Array("files").Select(f => new CanonicalAttachment(f.String("file_name") ?? "file", null, null)))
            .ToList();
        if (parts.Count == 0 && attachments.Count == 0)
        {
            return null;
        }
        var role = message.String("sender") switch { "human" => "user", "assistant" => "assistant", { } other => other, null => "unknown" };
        return CanonicalMessage.Of(message.String("uuid") ?? Guid.Empty.ToString(), role, message.Time("created_at"), parts, attachments);
    }

    private static string? ToolResultText(JsonElement block) => block.Child("content") switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Array } array => string.Join("\n", array.EnumerateArray().Select(c => c.String("text")).Where(t => t is not null)),
        _ => null,
    };

    private static CanonicalPart? Part(string kind, string? text) => string.IsNullOrWhiteSpace(text) ? null : new CanonicalPart(kind, text);
}
