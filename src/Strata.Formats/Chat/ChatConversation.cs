namespace Strata.Formats.Chat;

/// <summary>One conversation of an export, in the one shape Strata keeps for every provider: its active branch's
/// messages in order. Nothing the export held for a message is dropped: text, thinking, tool calls and results,
/// and content of kinds not known here are all parts.</summary>
public sealed record ChatConversation(
    string Provider,
    string Id,
    string? Title,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    string? ProjectId,
    IReadOnlyList<ChatMessage> Messages);

/// <param name="Role"><c>user</c>, <c>assistant</c>, <c>system</c> or <c>tool</c>.</param>
/// <param name="Speaker">Who wrote it by name, when the file says (a generic message file: Slack, Discord, a transcript).</param>
public sealed record ChatMessage(
    string Id,
    string Role,
    DateTimeOffset? CreatedAt,
    IReadOnlyList<ChatPart> Parts,
    IReadOnlyList<ChatAttachment> Attachments,
    string? Speaker = null)
{
    /// <summary>What the message says: its text and code parts, in order. Thinking, tool calls and tool results are
    /// kept as parts but are not the message's words.</summary>
    public string Text => string.Join("\n\n", Parts.Where(p => p.Kind is ChatPartKinds.Text or ChatPartKinds.Code).Select(p => p.Text));
}

/// <param name="Kind">One of <see cref="ChatPartKinds"/>, or <c>unknown:&lt;type&gt;</c> for a type not known here.</param>
public sealed record ChatPart(string Kind, string Text);

/// <summary>A file or image named in a message; its bytes are not in the export's JSON.</summary>
public sealed record ChatAttachment(string Name, string? MediaType, long? Size, string? ExtractedText);

public static class ChatPartKinds
{
    public const string Text = "text";
    public const string Code = "code";
    public const string Thinking = "thinking";
    public const string ToolUse = "tool_use";
    public const string ToolResult = "tool_result";
    public const string Unknown = "unknown:";
}
