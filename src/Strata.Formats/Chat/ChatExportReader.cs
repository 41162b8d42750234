using System.Runtime.CompilerServices;
using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Imports;

namespace Strata.Formats.Chat;

/// <summary>
/// Streams the conversations of a ChatGPT or Claude <c>conversations.json</c>, one at a time: memory holds one
/// conversation, never the export. Which exporter wrote each conversation is told by its fields (<c>mapping</c> or
/// <c>chat_messages</c>). Broken JSON stops the read with an error that says where it broke and how many
/// conversations were read before it — those have already been handed out and stay imported. A conversation or a message
/// past <see cref="ChatLimits"/> is <c>FILE_TOO_LARGE</c>, found before more than the conversation's bound is held.
/// </summary>
public static class ChatExportReader
{
    /// <summary>Some tools wrap the list as <c>{"conversations": [...]}</c>; such a file is read whole, up to this size.</summary>
    public const int MaxWrappedExportBytes = 64 * 1024 * 1024;

    public static async IAsyncEnumerable<CanonicalConversation> ReadAsync(Stream conversationsJson, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (first, content) = await PeekedStream.FirstNonBlankAsync(conversationsJson, cancellationToken);
        var source = first == (byte)'{'
            ? Unwrap(await WrappedExport.ReadAsync(content, MaxWrappedExportBytes, cancellationToken))
            : JsonArrayElements.ReadAsync(content, ChatLimits.MaxConversationBytes, ChatLimits.ConversationTooLarge, cancellationToken);
        await using var elements = source.GetAsyncEnumerator(cancellationToken);
        var index = 0;
        while (true)
        {
            try
            {
                if (!await elements.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (JsonException exception)
            {
                throw StrataException.Malformed(
                    $"The export's JSON breaks after conversation {index} (line {exception.LineNumber + 1}, byte " +
                    $"{exception.BytePositionInLine + 1} of that line): {index} conversations before it were read. " +
                    "Export again, or import the part before the break.");
            }
            index++;
            var conversation = Read(elements.Current, index);
            ChatLimits.CheckMessages(conversation, index);
            yield return conversation;
        }
    }

#pragma warning disable CS1998 // an iterator over elements already in memory
    private static async IAsyncEnumerable<JsonElement> Unwrap(IReadOnlyList<JsonElement> elements)
#pragma warning restore CS1998
    {
        foreach (var element in elements)
        {
            yield return element;
        }
    }

    private static CanonicalConversation Read(JsonElement element, int index)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw StrataException.Malformed($"Conversation {index} of the export is a JSON {element.ValueKind.ToString().ToLowerInvariant()}, not an object.");
        }
        try
        {
            if (element.Child("mapping") is not null)
            {
                return ChatGptConversationReader.Read(element, index);
            }
            if (element.Child("chat_messages") is not null)
            {
                return ClaudeConversationReader.Read(element, index);
            }
        }
        catch (InvalidOperationException) when (!InvalidChatText.AllReadable(element))
        {
            throw InvalidChatText.In(element, index);
        }
        throw StrataException.Malformed(
            $"Conversation {index} of the export has neither 'mapping' (ChatGPT) nor 'chat_messages' (Claude): it is not a chat export this version reads.");
    }
}
