using System.Globalization;
using System.Runtime.CompilerServices;
using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Core.Imports;

namespace Strata.Formats.Documents.Conversation;

/// <summary>
/// A conversation source (the canonical JSON a chat import stores) into one <see cref="BlockType.Message"/> block per
/// message, in order: the content is the message's text exactly (so a fact's character offsets within the message are
/// offsets within the block), the attributes its <c>role</c>, <c>time</c> (ISO 8601, when known), <c>message_id</c>, <c>conversation_id</c> and
/// the names of its <c>attachments</c> (and its <c>speaker</c> when a message file named one); the heading path is the conversation's title; the locator names the message.
/// </summary>
public sealed class ConversationConverter : IDocumentConverter
{
    public string Name => ConversationBlocks.Converter;

    public string Version => ConversationBlocks.ConverterVersion;

    public bool CanConvert(string mediaType) => mediaType == CanonicalConversation.MediaType;

    public async IAsyncEnumerable<DocumentBlock> ConvertAsync(Stream content, ConversionLimits limits,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        CanonicalConversation conversation;
        try
        {
            conversation = CanonicalConversation.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
        {
            throw StrataException.Malformed($"The conversation's JSON cannot be read: {e.Message}");
        }
        foreach (var block in Blocks(conversation, limits)) yield return block;
    }

    public static IEnumerable<DocumentBlock> Blocks(CanonicalConversation conversation, ConversionLimits limits)
    {
        if (conversation.Messages.Count > limits.MaxBlocks)
        {
            throw new StrataException(ErrorCodes.FileTooLarge,
                $"The conversation has more than {limits.MaxBlocks:N0} messages, the most one document may have.");
        }
        IReadOnlyList<string> heading = conversation.Title is { Length: > 0 } title ? [title] : [];
        for (var i = 0; i < conversation.Messages.Count; i++)
        {
            var message = conversation.Messages[i];
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["role"] = message.Role,
                ["message_id"] = message.Id,
                ["conversation_id"] = conversation.Id,
            };
            if (message.Speaker is { Length: > 0 } speaker) attributes["speaker"] = speaker;
            if (message.CreatedAt is { } at) attributes["time"] = at.ToString("O", CultureInfo.InvariantCulture);
            if (message.Attachments.Count > 0) attributes["attachments"] = string.Join(", ", message.Attachments.Select(a => a.Name));
            yield return new DocumentBlock(i, BlockType.Message, message.Text, heading,
                new ElementPath("conversation", $"/messages[{i + 1}]"), Attributes: attributes);
        }
    }
}
