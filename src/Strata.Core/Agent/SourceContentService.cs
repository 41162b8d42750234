using System.Text;
using Strata.Core.Errors;
using Strata.Core.Operations;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Agent;

/// <summary><c>get_source_content</c>: a source's text, a page at a time, so an agent can read what it interprets. The
/// bytes are decoded as UTF-8 while streaming: memory holds one page, whatever the size of the source.</summary>
public sealed class SourceContentService(IStrataStore store, IBlobStore blobs)
{
    public const int DefaultLength = 20_000;
    public const int MaxLength = 100_000;
    private const int BufferChars = 8192;

    public async Task<SourceContentView> ReadAsync(string userId, string sourceId, long offset, int? length, CancellationToken cancellationToken)
    {
        var wanted = length ?? DefaultLength;
        if (offset < 0) throw StrataException.Validation($"offset must be 0 or more (got {offset}).");
        if (wanted is < 1 or > MaxLength) throw StrataException.Validation($"length must be from 1 to {MaxLength} characters (got {wanted}).");

        Source source;
        await using (var session = await store.OpenReadAsync(userId, cancellationToken))
        {
            source = await session.Sources.GetAsync(sourceId, cancellationToken)
                ?? throw new StrataException(ErrorCodes.SourceNotFound, $"No source {sourceId}.");
        }
        Stream content;
        try
        {
            content = await blobs.OpenReadAsync(source.BlobKey, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            throw new StrataException(ErrorCodes.Conflict,
                $"The bytes of source {sourceId} are not in the blob store yet (storage status {source.StorageStatus}); try again once its upload has finished.");
        }
        await using (content)
        {
            return await PageAsync(source, content, offset, wanted, cancellationToken);
        }
    }

    private static async Task<SourceContentView> PageAsync(Source source, Stream content, long offset, int wanted, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(content, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var buffer = new char[BufferChars];
        var page = new StringBuilder(Math.Min(wanted, BufferChars));
        long position = 0;
        var before = '\0';
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                for (var i = 0; i < read; i++, position++)
                {
                    if (position == offset - 1) before = buffer[i];
                    if (position >= offset && page.Length < wanted) page.Append(buffer[i]);
                }
            }
        }
        catch (DecoderFallbackException)
        {
            throw new StrataException(ErrorCodes.UnsupportedMediaType,
                $"Source {source.Id} ({source.MimeType}) is not UTF-8 text, so it has no text to page through.");
        }
        var total = position;
        if (offset > total)
        {
            throw StrataException.Validation($"offset {offset} is past the end of source {source.Id}, whose text is {total} characters long.");
        }
        if (offset > 0 && offset < total && char.IsHighSurrogate(before) && page.Length > 0 && char.IsLowSurrogate(page[0]))
        {
            throw StrataException.Validation(
                $"offset {offset} falls between the two halves of one character (a UTF-16 surrogate pair); start at {offset - 1} or {offset + 1}.");
        }
        // A page never ends between the halves of a character: it stops before it, and the next page starts with it.
        if (page.Length > 1 && char.IsHighSurrogate(page[^1]) && offset + page.Length < total) page.Length--;
        var end = offset + page.Length;
        return new SourceContentView(source.Id, source.MimeType, offset, page.Length, total, end < total ? end : null, page.ToString());
    }
}
