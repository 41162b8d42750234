using System.Text.Json;
using Strata.Core.Imports;

namespace Strata.Formats.Chat;

/// <summary>One ChatGPT message node's <c>message</c> into parts and attachments (rules on <see cref="ChatGptConversationReader"/>).</summary>
internal static class ChatGptMessageReader
{
    public static CanonicalMessage? Read(JsonElement message)
    {
        var content = message.Child("content") ?? default;
        var contentType = content.String("content_type") ?? "text";
        var metadata = message.Child("metadata") ?? default;
        var role = message.Child("author")?.String("role") ?? "unknown";
        if (contentType != "user_editable_context" && metadata.Flag("is_visually_hidden_from_conversation"))
        {
            return null;
        }
        var parts = new List<CanonicalPart>();
        var attachments = new List<CanonicalAttachment>();
        switch (contentType)
        {
            case "text":
                AddText(parts, ConversationPartKinds.Text, string.Join("\n", content.Array("parts").Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString())));
                break;
            case "multimodal_text":
                foreach (var part in content.Array("parts"))
                {
                    if (part.ValueKind == JsonValueKind.String)
                    {
                        AddText(parts, ConversationPartKinds.Text, part.GetString());
                    }
                    else if (part.String("content_type") == "audio_transcription")
                    {
                        AddText(parts, ConversationPartKinds.Text, part.String("text"));
                    }
                    else if (part.String("asset_pointer") is { } pointer)
                    {
                        attachments.Add(new CanonicalAttachment(pointer, part.String("content_type"), part.Long("size_bytes")));
                    }
                    else
                    {
                        parts.Add(new CanonicalPart(ConversationPartKinds.Unknown + (part.String("content_type") ?? "part"), part.GetRawText()));
                    }
                }
                break;
            case "code":
                AddText(parts, ConversationPartKinds.Code, content.String("text"));
                break;
            case "execution_output" or "tether_browsing_display" or "tether_quote" or "system_error":
                AddText(parts, ConversationPartKinds.ToolResult, content.String("text") ?? content.String("result"));
                break;
            case "thoughts":
                foreach (var thought in content.Array("thoughts"))
                {
                    AddText(parts, ConversationPartKinds.Thinking, thought.String("content") ?? thought.String("summary"));
                }
                break;
            case "reasoning_recap":
                AddText(parts, ConversationPartKinds.Thinking, content.String("content"));
                break;
            case "user_editable_context":
                role = "system";
                AddText(parts, ConversationPartKinds.Text, string.Join("\n\n",
                    new[] { content.String("user_profile"), content.String("user_instructions") }.Where(t => !string.IsNullOrWhiteSpace(t))));
                break;
            default:
                parts.Add(new CanonicalPart(ConversationPartKinds.Unknown + contentType, content.GetRawText()));
                break;
        }
        foreach (var attachment in metadata.Array("attachments"))
        {
            attachments.Add(new CanonicalAttachment(attachment.String("name") ?? attachment.String("id") ?? "attachment",
                attachment.String("mime_type"), attachment.Long("size")));
        }
        if (parts.Count == 0 && attachments.Count == 0)
        {
            return null; // an empty system or tool turn carries nothing
        }
        var id = message.String("id") ?? Guid.Empty.ToString();
        return CanonicalMessage.Of(id, role, message.Time("create_time"), parts, attachments);
    }

    private static void AddText(List<CanonicalPart> parts, string kind, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            parts.Add(new CanonicalPart(kind, text));
        }
    }
}
