namespace Strata.Core.Imports;

/// <summary>Reading chat exports, implemented by Strata.Formats: a ChatGPT zip or a ChatGPT or Claude
/// <c>conversations.json</c>, one conversation at a time (memory flat in the export's size).</summary>
public interface IChatExports
{
    /// <summary>Starts reading <paramref name="export"/>. A zip is read from its start, so it must be seekable.
    /// <paramref name="provider"/> <c>messages</c> reads a JSON Lines message file instead of an export.</summary>
    IChatExportRead Open(Stream export, string provider);
}

/// <summary>One read of one export. Broken JSON stops <see cref="ReadAsync"/> with <c>MALFORMED_CONTENT</c> naming
/// where it broke; the conversations before it have been handed out.</summary>
public interface IChatExportRead : IAsyncDisposable
{
    IAsyncEnumerable<ParsedConversation> ReadAsync(CancellationToken cancellationToken);

    /// <summary>The export's <c>projects.json</c> when it is a zip holding one (Claude), else null.</summary>
    Stream? OpenProjects();

    /// <summary>The profile of what has been read so far (counts, months, frequent topics).</summary>
    HistoryProfileView Profile(int topics);
}

/// <summary>A conversation as read, with what the quick pass made of it.</summary>
public sealed record ParsedConversation(CanonicalConversation Conversation, ConversationQuickStats Statistics);
