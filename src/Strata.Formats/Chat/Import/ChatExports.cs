using System.IO.Compression;
using System.Runtime.CompilerServices;
using Strata.Core.Errors;
using Strata.Core.Imports;
using Strata.Formats.Chat.Messages;

namespace Strata.Formats.Chat.Import;

/// <summary>The chat export readers as the core's import service uses them: a ChatGPT or Claude zip (its
/// <c>conversations.json</c> read straight out of the archive) or a bare <c>conversations.json</c>, streamed; or a generic
/// JSON Lines message file (<see cref="MessageLines"/>).</summary>
public sealed class ChatExports : IChatExports
{
    public IChatExportRead Open(Stream export, string provider) => new ExportRead(export, provider == ChatProviders.Messages);

    private sealed class ExportRead(Stream export, bool messageLines) : IChatExportRead
    {
        private readonly HistoryProfile _profile = new();
        private ZipArchive? _archive;
        private Stream? _entry;
        private Stream? _projects;

        public async IAsyncEnumerable<ParsedConversation> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var conversations = messageLines ? export : await OpenConversationsAsync(cancellationToken);
            var read = messageLines ? MessageLines.ReadAsync(conversations, cancellationToken) : ChatExportReader.ReadAsync(conversations, cancellationToken);
            await foreach (var conversation in read)
            {
                var statistics = ConversationStatistics.Of(conversation);
                _profile.Add(conversation, statistics);
                yield return new ParsedConversation(conversation, statistics);
            }
        }

        public Stream? OpenProjects()
        {
            var entry = _archive?.Entries.FirstOrDefault(e => e.Name.Equals(ClaudeProjects.FileName, StringComparison.OrdinalIgnoreCase));
            if (entry is null) return null;
            _projects = entry.Open();
            return _projects;
        }

        public HistoryProfileView Profile(int topics) => new(_profile.Conversations, _profile.Messages, _profile.UserMessages,
            new Dictionary<string, int>(_profile.ConversationsPerMonth),
            _profile.Topics(topics).Select(t => new TopicView(t.Term, t.Conversations, t.Weight)).ToList());

        private async Task<Stream> OpenConversationsAsync(CancellationToken cancellationToken)
        {
            if (!export.CanSeek) return export;
            var start = export.Position;
            var magic = new byte[2];
            var read = await export.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken);
            export.Position = start;
            if (read < 2 || magic[0] != (byte)'P' || magic[1] != (byte)'K') return export;
            try
            {
                _archive = new ZipArchive(export, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException broken)
            {
                throw StrataException.Malformed($"The file starts like a zip but is not one that can be read: {broken.Message}");
            }
            var entry = _archive.Entries.FirstOrDefault(e => e.Name.Equals("conversations.json", StringComparison.OrdinalIgnoreCase))
                ?? throw StrataException.Malformed("The zip has no conversations.json: it is not a ChatGPT or Claude export.");
            _entry = entry.Open();
            return _entry;
        }

        public async ValueTask DisposeAsync()
        {
            if (_entry is not null) await _entry.DisposeAsync();
            if (_projects is not null) await _projects.DisposeAsync();
            _archive?.Dispose();
        }
    }
}
