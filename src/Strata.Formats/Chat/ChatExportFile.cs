using System.IO.Compression;
using Strata.Core.Errors;

namespace Strata.Formats.Chat;

/// <summary>An export as the user has it: ChatGPT's zip (its <c>conversations.json</c> is read straight out of the
/// archive, unpacked as it streams) or a bare <c>conversations.json</c>.</summary>
public sealed class ChatExportFile : IAsyncDisposable
{
    private readonly Stream _file;
    private readonly ZipArchive? _archive;

    private ChatExportFile(Stream file, ZipArchive? archive, Stream conversations)
    {
        _file = file;
        _archive = archive;
        Conversations = conversations;
    }

    public Stream Conversations { get; }

    public static async Task<ChatExportFile> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        try
        {
            var magic = new byte[2];
            var read = await file.ReadAsync(magic, cancellationToken);
            file.Position = 0;
            if (read < 2 || magic[0] != (byte)'P' || magic[1] != (byte)'K')
            {
                return new ChatExportFile(file, null, file);
            }
            var archive = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            var entry = archive.Entries.FirstOrDefault(e => e.Name.Equals("conversations.json", StringComparison.OrdinalIgnoreCase))
                ?? throw StrataException.Malformed("The zip has no conversations.json: it is not a ChatGPT or Claude export.");
            return new ChatExportFile(file, archive, entry.Open());
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!ReferenceEquals(Conversations, _file))
        {
            await Conversations.DisposeAsync();
        }
        _archive?.Dispose();
        await _file.DisposeAsync();
    }
}
