using Strata.Core.Errors;
using Strata.Core.Imports;

namespace Strata.Formats.Chat;

/// <summary>
/// The most one conversation and one message of an export may hold, checked while the export streams: a conversation is
/// never buffered past <see cref="MaxConversationBytes"/>, so a small zip that unpacks into one gigabyte-long message is
/// refused with <c>FILE_TOO_LARGE</c> after reading about that much, not held whole. The conversations before it stay
/// imported.
/// </summary>
public static class ChatLimits
{
    /// <summary>The largest conversation, as the JSON bytes of the export (or the lines of a message file) that hold it.</summary>
    public const int MaxConversationBytes = 32 * 1024 * 1024;

    /// <summary>The largest message: the UTF-8 bytes of its parts and attachments' extracted text.</summary>
    public const int MaxMessageBytes = 8 * 1024 * 1024;

    public static StrataException ConversationTooLarge(int index) => new(ErrorCodes.FileTooLarge,
        $"Conversation {index} of the export is larger than {MaxConversationBytes / (1024 * 1024)} MiB, the most one conversation may hold: "
        + $"it was not read. The {index - 1} conversations before it were read.");

    /// <summary>Refuses a conversation holding a message past <see cref="MaxMessageBytes"/>, naming both.</summary>
    public static void CheckMessages(CanonicalConversation conversation, int index)
    {
        for (var i = 0; i < conversation.Messages.Count; i++)
        {
            var message = conversation.Messages[i];
            long bytes = 0;
            foreach (var part in message.Parts) bytes += System.Text.Encoding.UTF8.GetByteCount(part.Text);
            foreach (var attachment in message.Attachments)
            {
                if (attachment.ExtractedText is { } text) bytes += System.Text.Encoding.UTF8.GetByteCount(text);
            }
            if (bytes > MaxMessageBytes)
            {
                throw new StrataException(ErrorCodes.FileTooLarge,
                    $"Conversation {index} of the export ({conversation.Id}{(conversation.Title is { } title ? $", \"{title}\"" : "")}) holds a message "
                    + $"larger than {MaxMessageBytes / (1024 * 1024)} MiB, the most one message may hold: message {i + 1} ({message.Id}). "
                    + $"The {index - 1} conversations before it were read.");
            }
        }
    }
}
