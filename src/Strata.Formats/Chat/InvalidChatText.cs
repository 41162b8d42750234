using System.Text.Json;
using Strata.Core.Errors;

namespace Strata.Formats.Chat;

/// <summary>
/// Text the export holds that is not Unicode: raw bytes that are not UTF-8, or an escaped lone surrogate
/// (<c>"\ud800"</c>). System.Text.Json keeps such a string as it is until it is read, and then refuses it with an
/// <see cref="InvalidOperationException"/>; this turns that refusal into <c>MALFORMED_CONTENT</c> naming the
/// conversation and the message that hold it, found by reading each message's strings again, one by one.
/// </summary>
internal static class InvalidChatText
{
    public static StrataException In(JsonElement conversation, int index)
    {
        var name = Readable(conversation, "title") ?? Readable(conversation, "name");
        var id = Readable(conversation, "id") ?? Readable(conversation, "conversation_id") ?? Readable(conversation, "uuid");
        var where = $"Conversation {index} of the export" + (id is null ? "" : $" ({id}{(name is null ? "" : $", \"{name}\"")})");
        var message = Messages(conversation).Select((m, i) => (Message: m, Position: i + 1)).FirstOrDefault(m => !AllReadable(m.Message));
        var what = message.Message.ValueKind == JsonValueKind.Undefined
            ? "outside its messages"
            : $"in message {message.Position}" + ((Readable(message.Message, "id") ?? Readable(message.Message, "uuid")) is { } messageId ? $" ({messageId})" : "");
        return StrataException.Malformed(
            $"{where} holds text that is not valid Unicode {what}: bytes that are not UTF-8, or an escaped lone surrogate such as \\ud800.");
    }

    /// <summary>ChatGPT's messages sit in the mapping's nodes, Claude's in <c>chat_messages</c>.</summary>
    private static IEnumerable<JsonElement> Messages(JsonElement conversation)
    {
        if (conversation.Child("mapping") is { ValueKind: JsonValueKind.Object } mapping)
        {
            foreach (var node in mapping.EnumerateObject())
            {
                if (node.Value.Child("message") is { ValueKind: JsonValueKind.Object } message) yield return message;
            }
        }
        foreach (var message in conversation.Array("chat_messages")) yield return message;
    }

    private static string? Readable(JsonElement element, string name)
    {
        try
        {
            return element.String(name);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Whether every string and property name under <paramref name="element"/> reads, walked without recursion.</summary>
    public static bool AllReadable(JsonElement element)
    {
        var pending = new Stack<JsonElement>();
        pending.Push(element);
        try
        {
            while (pending.TryPop(out var next))
            {
                switch (next.ValueKind)
                {
                    case JsonValueKind.String:
                        _ = next.GetString();
                        break;
                    case JsonValueKind.Object:
                        foreach (var property in next.EnumerateObject())
                        {
                            _ = property.Name;
                            pending.Push(property.Value);
                        }
                        break;
                    case JsonValueKind.Array:
                        foreach (var item in next.EnumerateArray()) pending.Push(item);
                        break;
                }
            }
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
