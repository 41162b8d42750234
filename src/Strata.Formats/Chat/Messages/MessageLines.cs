using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Imports;

namespace Strata.Formats.Chat.Messages;

/// <summary>
/// Reads a generic message file — JSON Lines, one message a line:
/// <c>{"conversation_id", "conversation_title"?, "message_id", "speaker"?, "role"?, "time"?, "text"}</c> — into
/// conversations, one at a time: the messages of a conversation are the consecutive lines carrying its id, so memory
/// holds one conversation, never the file. A conversation whose lines come back after another's began is refused rather
/// than split in two or buffered whole: the file says where, and how to sort it.
/// </summary>
public static class MessageLines
{
    /// <summary>The longest line read: a message longer than this is almost surely not one message.</summary>
    public const int MaxLineBytes = 4 * 1024 * 1024;

    /// <summary>The most messages one conversation holds (the most blocks one document may have).</summary>
    public const int MaxMessagesPerConversation = 100_000;

    public static async IAsyncEnumerable<CanonicalConversation> ReadAsync(Stream file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pipe = PipeReader.Create(file, new StreamPipeReaderOptions(bufferSize: 81920, leaveOpen: true));
        var grouping = new Grouping();
        var lineNumber = 0;
        try
        {
            while (true)
            {
                var read = await pipe.ReadAsync(cancellationToken);
                var buffer = read.Buffer;
                while (TryTakeLine(ref buffer, out var line))
                {
                    lineNumber++;
                    if (!IsBlank(line) && grouping.Add(MessageLine.Parse(line, lineNumber), line.Length, lineNumber) is { } done) yield return done;
                }
                if (buffer.Length > MaxLineBytes)
                {
                    throw StrataException.Malformed(
                        $"Line {lineNumber + 1} is longer than {MaxLineBytes / (1024 * 1024)} MiB: each line must be one message.");
                }
                if (read.IsCompleted)
                {
                    // The last line may end without a newline.
                    if (!IsBlank(buffer) && grouping.Add(MessageLine.Parse(buffer, ++lineNumber), buffer.Length, lineNumber) is { } done) yield return done;
                    break;
                }
                pipe.AdvanceTo(buffer.Start, buffer.End);
            }
            if (grouping.Finish() is { } last) yield return last;
        }
        finally
        {
            await pipe.CompleteAsync();
        }
    }

    /// <summary>Gathers consecutive lines of one conversation; hands the conversation out when the next one starts.</summary>
    private sealed class Grouping
    {
        private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
        private MessageLine? _first;
        private List<CanonicalMessage> _messages = [];
        private long _bytes;

        public CanonicalConversation? Add(MessageLine message, long bytes, int lineNumber)
        {
            CanonicalConversation? done = null;
            if (_first is not null && message.ConversationId != _first.ConversationId) done = Finish();
            if (_first is null)
            {
                if (_finished.Contains(message.ConversationId))
                {
                    throw StrataException.Malformed(
                        $"Line {lineNumber}: conversation '{message.ConversationId}' came back after another conversation's lines. The "
                        + "messages of a conversation must be on consecutive lines: sort the file by conversation_id with a stable sort "
                        + "(keeping each conversation's order) and import it again.");
                }
                _first = message;
            }
            if (_messages.Count == MaxMessagesPerConversation)
            {
                throw StrataException.Malformed(
                    $"Line {lineNumber}: conversation '{message.ConversationId}' has more than {MaxMessagesPerConversation:N0} messages, the most one conversation may have.");
            }
            _bytes += bytes;
            if (_bytes > ChatLimits.MaxConversationBytes)
            {
                throw new StrataException(ErrorCodes.FileTooLarge,
                    $"Line {lineNumber}: conversation '{message.ConversationId}' is larger than {ChatLimits.MaxConversationBytes / (1024 * 1024)} MiB, "
                    + "the most one conversation may hold.");
            }
            _messages.Add(message.Message);
            return done;
        }

        public CanonicalConversation? Finish()
        {
            if (_first is null) return null;
            var conversation = _first.Conversation(_messages);
            _finished.Add(_first.ConversationId);
            _first = null;
            _messages = [];
            _bytes = 0;
            return conversation;
        }
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var end = buffer.PositionOf((byte)'\n');
        if (end is null)
        {
            line = default;
            return false;
        }
        line = buffer.Slice(0, end.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
        return true;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return false;
            }
        }
        return true;
    }

    /// <summary>One parsed line: the message and the conversation it belongs to.</summary>
    private sealed record MessageLine(string ConversationId, string? Title, CanonicalMessage Message)
    {
        public CanonicalConversation Conversation(List<CanonicalMessage> messages)
        {
            var times = messages.Select(m => m.CreatedAt).OfType<DateTimeOffset>().ToList();
            return new CanonicalConversation(Core.Imports.ChatProviders.Messages, ConversationId, Title,
                times.Count > 0 ? times.Min() : null, times.Count > 0 ? times.Max() : null, null, messages);
        }

        public static MessageLine Parse(ReadOnlySequence<byte> line, int number)
        {
            JsonElement element;
            try
            {
                var reader = new Utf8JsonReader(line);
                element = JsonElement.ParseValue(ref reader);
            }
            catch (JsonException broken)
            {
                throw StrataException.Malformed($"Line {number} is not JSON ({broken.Message}): each line must be one message object.");
            }
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw StrataException.Malformed($"Line {number} is a JSON {element.ValueKind.ToString().ToLowerInvariant()}, not a message object.");
            }
            var conversation = Required(element, "conversation_id", number);
            var id = Required(element, "message_id", number);
            var text = element.Child("text") is { ValueKind: JsonValueKind.String } t ? t.GetString()!
                : throw StrataException.Malformed($"Line {number} has no 'text' string.");
            DateTimeOffset? time = null;
            if (element.Child("time") is { } given)
            {
                time = element.Time("time") ?? throw StrataException.Malformed(
                    $"Line {number}: 'time' {Shown(given)} is not an ISO 8601 time (e.g. 2023-05-08T13:56:00Z) or null.");
            }
            var speaker = element.String("speaker");
            var role = element.String("role")?.Trim().ToLowerInvariant() is { Length: > 0 } r ? r : "user";
            var parts = text.Length == 0 ? Array.Empty<CanonicalPart>() : [new CanonicalPart(ConversationPartKinds.Text, text)];
            return new MessageLine(conversation, element.String("conversation_title"), CanonicalMessage.Of(id, role, time, parts, [], speaker));
        }

        private static string Required(JsonElement element, string name, int number) => element.Child(name) switch
        {
            { ValueKind: JsonValueKind.String } s when s.GetString() is { Length: > 0 } value => value,
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            _ => throw StrataException.Malformed($"Line {number} has no '{name}' (a non-empty string)."),
        };

        private static string Shown(JsonElement value)
        {
            var raw = value.GetRawText();
            return raw.Length <= 60 ? raw : raw[..60] + "…";
        }
    }
}
