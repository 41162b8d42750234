using System.Globalization;
using System.Text;
using Strata.Core.Imports;

namespace Strata.Core.Imports.FullPass;

/// <summary>
/// A conversation as the model reads it: each message as a line naming its role (and day, when known), then its text,
/// then a blank line. The positions of every message's text are kept, so a character range found in this text is
/// turned back into a message and a range within that message's text (the block's content).
/// </summary>
public sealed class ConversationText
{
    private readonly int[] _starts;
    private readonly int[] _lengths;

    private ConversationText(string text, int[] starts, int[] lengths)
    {
        Text = text;
        _starts = starts;
        _lengths = lengths;
    }

    public string Text { get; }

    public int MessageStart(int message) => _starts[message];

    public int MessageEnd(int message) => _starts[message] + _lengths[message];

    public static ConversationText Of(CanonicalConversation conversation)
    {
        var text = new StringBuilder();
        var starts = new int[conversation.Messages.Count];
        var lengths = new int[conversation.Messages.Count];
        for (var i = 0; i < conversation.Messages.Count; i++)
        {
            var message = conversation.Messages[i];
            text.Append('[').Append(message.Role);
            if (message.CreatedAt is { } at) text.Append(' ').Append(at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            text.Append("]\n");
            starts[i] = text.Length;
            lengths[i] = message.Text.Length;
            text.Append(message.Text).Append("\n\n");
        }
        return new ConversationText(text.ToString(), starts, lengths);
    }

    /// <summary>The message whose text starts at or before <paramref name="position"/> (the first when none does).</summary>
    public int MessageAt(int position)
    {
        var index = Array.BinarySearch(_starts, position);
        return Math.Max(0, index < 0 ? ~index - 1 : index);
    }

    /// <summary>The message whose text holds <c>[start, start + length)</c>, and the start within that text; null when the
    /// range is not inside one message's text (it covers a role line, or runs across messages).</summary>
    public (int Message, int Start)? Locate(int start, int length)
    {
        var index = Array.BinarySearch(_starts, start);
        if (index < 0) index = ~index - 1;
        if (index < 0 || start + length > _starts[index] + _lengths[index]) return null;
        return (index, start - _starts[index]);
    }
}
